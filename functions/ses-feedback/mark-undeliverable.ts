import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import {
  deliverabilityAttributes,
  toAccountKey,
  type UndeliverableReason,
  undeliverable,
} from '../commons/account-deliverability.js';
import { dynamoDbClient } from '../commons/clients/dynamodb.js';
import type { SesEvent } from './ses-event.js';

/** What an SES event means for the accounts: which addresses to mark undeliverable, and why. */
export interface UndeliverableFinding {
  readonly reason: UndeliverableReason;
  /** When SES reported it, ISO 8601. */
  readonly reportedAt: string;
  /** The recipients, as SES reports them. */
  readonly recipients: readonly string[];
}

/**
 * Decides whether an SES event makes its recipients undeliverable: a hard bounce (the address
 * does not exist or never accepts mail) or a complaint does. A transient or undetermined
 * bounce does not: the next email may be accepted, and SES has retried already (SES Developer
 * Guide, "Amazon SES notification contents").
 */
export function findUndeliverable(event: SesEvent): UndeliverableFinding | undefined {
  if ('bounce' in event && event.bounce.bounceType === 'Permanent') {
    return {
      reason: 'hard-bounce',
      reportedAt: event.bounce.timestamp,
      recipients: event.bounce.bouncedRecipients.map((recipient) => recipient.emailAddress),
    };
  }
  if ('complaint' in event) {
    return {
      reason: 'complaint',
      reportedAt: event.complaint.timestamp,
      recipients: event.complaint.complainedRecipients.map((recipient) => recipient.emailAddress),
    };
  }
  return undefined;
}

/**
 * Marks each recipient's account undeliverable, one conditional `UpdateItem` each: sets the
 * deliverability attributes and removes `expiresAt`, so the table's TTL never deletes the mark
 * with a pending account and a later signup stays suppressed. The condition (the account
 * exists, unmarked) makes it safe to repeat, as EventBridge delivers at least once, keeps the
 * first reason, and gives an address with no account no partial item.
 *
 * @param tableName - the accounts table (`ACCOUNTS_TABLE`)
 * @returns per recipient, in order, whether its account was marked now
 * @throws the SDK's error for anything but a failed condition (Lambda retries the event)
 */
export async function markUndeliverable(
  finding: UndeliverableFinding,
  tableName: string,
): Promise<boolean[]> {
  return Promise.all(
    finding.recipients.map(async (email) => {
      try {
        await dynamoDbClient.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: { emailKey: { S: toAccountKey(email) } },
            UpdateExpression:
              'SET #deliverability = :undeliverable, #reason = :reason, #at = :at REMOVE #expiresAt',
            ConditionExpression:
              'attribute_exists(#emailKey) AND attribute_not_exists(#deliverability)',
            ExpressionAttributeNames: {
              '#emailKey': 'emailKey',
              '#deliverability': deliverabilityAttributes.deliverability,
              '#reason': deliverabilityAttributes.reason,
              '#at': deliverabilityAttributes.at,
              '#expiresAt': 'expiresAt',
            },
            ExpressionAttributeValues: {
              ':undeliverable': { S: undeliverable },
              ':reason': { S: finding.reason },
              ':at': { S: finding.reportedAt },
            },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
          return false;
        }
        throw error;
      }
    }),
  );
}
