import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { defaultLocale, supportedLocales } from '../../../emails/locales.js';
import { toAccountKey } from '../../commons/account-deliverability.js';
import { documentClient } from '../../commons/clients/dynamodb-document.js';
import type { SignupConfig } from '../config.js';

/**
 * One account, as the accounts table holds it. Times: `createdAt` and `confirmedAt` ISO 8601
 * UTC; `lastEmailAt` ms since the epoch; `expiresAt` s since the epoch (DynamoDB TTL), set only
 * while pending.
 */
export const accountSchema = z.object({
  /** The key, `toAccountKey(email)`: the variants of one mailbox share one account and cooldown. */
  emailKey: z.string(),
  /** The address last signed up with or confirmed, as normalized (local part as typed). */
  email: z.string(),
  name: z.optional(z.string()),
  locale: z.catch(z.enum(supportedLocales), defaultLocale),
  status: z.enum(['pending', 'confirmed']),
  createdAt: z.string(),
  confirmedAt: z.optional(z.string()),
  /** When an email to this address was last claimed (the cooldown stamp). */
  lastEmailAt: z.optional(z.number()),
  /** The job of that claim, so only its own request can release it. */
  lastEmailJobId: z.optional(z.string()),
  expiresAt: z.optional(z.number()),
});

/** One account; see {@link accountSchema}. */
export type Account = z.infer<typeof accountSchema>;

/** Where the accounts live, the account rules' times (see `SignupConfig`), and the clock. */
export interface AccountStoreContext
  extends Pick<
    SignupConfig,
    'accountsTable' | 'resendCooldownSeconds' | 'pendingRetentionSeconds'
  > {
  /** The current time, in ms since the epoch. */
  readonly now: number;
}

/**
 * Reads an account, strongly consistent, so a write that just happened is seen.
 *
 * @throws the SDK's error; a ZodError when the item is not an account
 */
export async function readAccount(
  email: string,
  context: Pick<AccountStoreContext, 'accountsTable'>,
): Promise<Account | undefined> {
  const output = await documentClient.send(
    new GetCommand({
      TableName: context.accountsTable,
      Key: { emailKey: toAccountKey(email) },
      ConsistentRead: true,
    }),
  );
  return output.Item === undefined ? undefined : accountSchema.parse(output.Item);
}

/** The parts of an `UpdateItem` that vary between the account rules. */
export interface AccountUpdate {
  /** @default 'NONE' */
  readonly ReturnValues?: 'NONE' | 'ALL_NEW';
  readonly UpdateExpression: string;
  readonly ConditionExpression: string;
  readonly ExpressionAttributeValues: Record<string, unknown>;
}

/**
 * Runs one conditional `UpdateItem` on an item of the accounts table. Every attribute is
 * written `#name` in the expressions, which keeps DynamoDB's reserved words (`status`, `name`)
 * usable; the names map is derived from them.
 *
 * @param emailKey - the item's key: `toAccountKey(email)` for an account
 * @returns `{ attributes }` (the item after it with `ALL_NEW`), or undefined when the condition
 *   failed
 * @throws the SDK's error for anything else
 */
export async function updateIfAllowed(
  context: Pick<AccountStoreContext, 'accountsTable'>,
  emailKey: string,
  update: AccountUpdate,
): Promise<{ attributes: Record<string, unknown> } | undefined> {
  const expressions = `${update.UpdateExpression} ${update.ConditionExpression}`;
  const names = [...expressions.matchAll(/#(\w+)/g)].map(([token, name]) => [token, name]);
  try {
    const output = await documentClient.send(
      new UpdateCommand({
        TableName: context.accountsTable,
        Key: { emailKey },
        ExpressionAttributeNames: Object.fromEntries(names),
        ...update,
      }),
    );
    return { attributes: output.Attributes ?? {} };
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
      return undefined;
    }
    throw error;
  }
}
