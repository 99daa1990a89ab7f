import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import {
  deliverabilityAttributes,
  toAccountKey,
  type UndeliverableReason,
  undeliverable,
} from '../commons/account-deliverability.js';
import { dynamoDbClient } from '../commons/clients/dynamodb.js';

/** What {@link markUndeliverable} did. */
export type MarkOutcome =
  /** The account is now undeliverable. */
  | 'marked'
  /** Nothing changed: no account has the address, or it was marked before. */
  | 'unchanged';

/** Why an address is undeliverable, and since when. */
export interface UndeliverableMark {
  readonly reason: UndeliverableReason;
  /** When SES reported it, ISO 8601 (the bounce's or complaint's timestamp). */
  readonly reportedAt: string;
}

/**
 * Marks the account of an address undeliverable, in one conditional `UpdateItem`: sets
 * `deliverability = 'undeliverable'`, `undeliverableReason` and `undeliverableAt`, and
 * removes `expiresAt`, so the mark is not deleted with a pending account by the table's TTL
 * and a later signup to the address stays suppressed.
 *
 * The condition (the account exists and is not marked yet) makes the write safe to repeat:
 * EventBridge delivers at least once, and an address can bounce and then complain; the first
 * reason is kept. An address with no account is left alone rather than given a partial item
 * the signup function could not read.
 *
 * @param email - the recipient address as SES reports it
 * @param mark - reason and report time
 * @param tableName - the accounts table (`ACCOUNTS_TABLE`)
 * @returns `marked`, or `unchanged` when the condition failed
 * @throws the SDK's error for anything but a failed condition (the invocation fails, and
 *   Lambda retries the event)
 */
export async function markUndeliverable(
  email: string,
  mark: UndeliverableMark,
  tableName: string,
): Promise<MarkOutcome> {
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
          ':reason': { S: mark.reason },
          ':at': { S: mark.reportedAt },
        },
      }),
    );
    return 'marked';
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
      return 'unchanged';
    }
    throw error;
  }
}
