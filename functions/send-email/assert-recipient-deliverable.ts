import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  deliverabilityAttributes,
  toAccountKey,
  undeliverable,
} from '../commons/account-deliverability.js';
import { dynamoDbClient } from '../commons/clients/dynamodb.js';
import type { EmailJob } from '../commons/email-job.js';
import { InvalidEmailJobError } from '../commons/errors.js';

/**
 * Refuses a job whose recipient's account is marked undeliverable (a hard bounce or a
 * complaint, recorded by the SES feedback function), before anything is rendered or sent.
 *
 * Why here, the one place every email passes: a job queued before the bounce arrived, a job
 * redriven from the DLQ, or one from any other producer is stopped as surely as a new
 * signup. Each further send to such an address is another bounce or complaint against the
 * account's reputation.
 *
 * One `GetItem` of the `deliverability` attribute, eventually consistent: a bounce arrives
 * seconds to minutes after its send, far longer than a read takes to see a write.
 *
 * @param job - the validated job
 * @param accountsTable - the accounts table (`ACCOUNTS_TABLE`); without one, nothing is checked
 * @throws InvalidEmailJobError with reason `recipient-undeliverable`, which sends the job to
 *   the DLQ at once; the SDK's error when the read fails (the job is retried)
 */
export async function assertRecipientDeliverable(
  job: EmailJob,
  accountsTable: string | undefined,
): Promise<void> {
  if (accountsTable === undefined) return;
  const output = await dynamoDbClient.send(
    new GetItemCommand({
      TableName: accountsTable,
      Key: { emailKey: { S: toAccountKey(job.to.email) } },
      ProjectionExpression: '#deliverability',
      ExpressionAttributeNames: { '#deliverability': deliverabilityAttributes.deliverability },
    }),
  );
  if (output.Item?.[deliverabilityAttributes.deliverability]?.S === undeliverable) {
    throw new InvalidEmailJobError(
      'recipient-undeliverable',
      'The recipient is marked undeliverable (a hard bounce or a complaint); nothing was sent',
    );
  }
}
