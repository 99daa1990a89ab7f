import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  type ITable,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * Creates the accounts table: one item per address that signed up, pending until its
 * confirmation link is opened, then confirmed. The signup function's conditional writes on
 * it enforce the per-address email cooldown (`settings.accounts`).
 *
 * - Partition key `emailKey` (string): the normalized address in lower case, so case
 *   variants of one mailbox share one account and one cooldown.
 * - TTL on `expiresAt` (epoch seconds), which only pending accounts carry: an address
 *   someone typed in but never confirmed is forgotten after
 *   `settings.accounts.pendingRetentionSeconds`.
 * - On demand: signups come in bursts, not as a steady load.
 * - Encrypted with the AWS managed key (`aws/dynamodb`): no key policy to grant, no key cost.
 * - Point-in-time recovery on: the table is the record of who confirmed, so a bad write or
 *   deletion can be rolled back (DynamoDB Developer Guide, "Point-in-time recovery").
 * - Retained when the stack is deleted, unless the stack's stage says otherwise (`dev` is
 *   destroyed whole, see `SignupMailerStack`): accounts are data of record. Delete a retained
 *   table by hand once it is no longer wanted.
 *
 * @param scope - the construct to add the table to
 * @param id - construct id
 * @returns the table
 */
export function createAccountsTable(scope: Construct, id: string): Table {
  return new Table(scope, id, {
    partitionKey: { name: 'emailKey', type: AttributeType.STRING },
    timeToLiveAttribute: 'expiresAt',
    billingMode: BillingMode.PAY_PER_REQUEST,
    encryption: TableEncryption.AWS_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

/**
 * Lets a function keep accounts: exactly the calls the signup function makes, `UpdateItem`
 * (every write is a conditional update, creation included, so `PutItem` is not needed) and
 * `GetItem` (a consistent read after a failed confirmation), on this table only; no
 * `DeleteItem`, `Scan`, `Query` or batch calls, so the API cannot list or erase accounts.
 *
 * @param table - the accounts table
 * @param grantee - the function (or its role)
 */
export function grantAccountWrites(table: ITable, grantee: IGrantable): void {
  table.grant(grantee, 'dynamodb:GetItem', 'dynamodb:UpdateItem');
}
