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
 * complaint), before anything is rendered. Here, where every email passes, so a job queued
 * before the bounce or redriven from the DLQ is stopped too: each further send is another
 * mark against the account's reputation. An eventually consistent read: a bounce arrives
 * long after its send.
 *
 * @param accountsTable - the accounts table (`ACCOUNTS_TABLE`); without one, nothing is checked
 * @throws InvalidEmailJobError `recipient-undeliverable` (to the DLQ at once); the SDK's
 *   error when the read fails (the job is retried)
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
