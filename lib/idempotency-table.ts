import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * Creates the table in which the worker records each job it sent, so that SQS's
 * at-least-once delivery never sends an email twice (Powertools for AWS Lambda, Idempotency
 * utility, DynamoDB persistence layer).
 *
 * - Key schema Powertools expects by default: partition key `id` (string), no sort key.
 * - TTL on `expiration`, the epoch seconds Powertools writes, so DynamoDB deletes records
 *   once `settings.idempotency.expiresAfterSeconds` have passed.
 * - On demand: a write or two per email, with bursts, not a steady load.
 * - Encrypted with the AWS managed key (`aws/dynamodb`): no key policy to grant, no key cost.
 * - Point-in-time recovery on: cheap for a table this small, and it keeps the records that
 *   stop a duplicate email if the table is damaged.
 * - Destroyed with the stack: the records only matter while the queues that could redeliver
 *   a job exist, and those go with the stack too.
 *
 * @param scope - the construct to add the table to
 * @param id - construct id
 * @returns the table
 */
export function createIdempotencyTable(scope: Construct, id: string): Table {
  return new Table(scope, id, {
    partitionKey: { name: 'id', type: AttributeType.STRING },
    timeToLiveAttribute: 'expiration',
    billingMode: BillingMode.PAY_PER_REQUEST,
    encryption: TableEncryption.AWS_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    removalPolicy: RemovalPolicy.DESTROY,
  });
}

/**
 * Lets a function use the idempotency table: exactly the four item calls Powertools' DynamoDB
 * persistence layer makes (`GetItem`, `PutItem`, `UpdateItem`, `DeleteItem`), on this table
 * only; no `Scan`, `Query` or batch calls.
 *
 * @param table - the idempotency table
 * @param grantee - the function (or its role)
 */
export function grantIdempotencyRecords(table: Table, grantee: IGrantable): void {
  table.grant(
    grantee,
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
  );
}
