import {
  type Account,
  type AccountStoreContext,
  accountSchema,
  readAccount,
  updateIfAllowed,
} from './account-store.js';

/** The outcome of {@link confirmAccount}. */
export type ConfirmAccountResult =
  | { readonly outcome: 'confirmed'; readonly account: Account }
  | { readonly outcome: 'already-confirmed' }
  | { readonly outcome: 'not-found' };

/**
 * Marks a pending account confirmed, exactly once: one conditional `UpdateItem`
 * (`status = pending`), so of two clicks on the same link, or on two links, only one
 * confirms and only that one goes on to queue the welcome email. Confirming also ends the
 * pending account's time to live (`expiresAt` is removed).
 *
 * When the condition fails, a strongly consistent read tells a link that was already used
 * (the account is confirmed) from one whose account does not exist (never created, or
 * forgotten after `pendingRetentionSeconds`).
 *
 * @param email - the address the verified token names
 * @param context - table and clock
 * @throws the SDK's error when DynamoDB fails
 */
export async function confirmAccount(
  email: string,
  context: AccountStoreContext,
): Promise<ConfirmAccountResult> {
  const updated = await updateIfAllowed(context, email, {
    ReturnValues: 'ALL_NEW',
    UpdateExpression: 'SET #status = :confirmed, #confirmedAt = :nowIso REMOVE #expiresAt',
    ConditionExpression: '#status = :pending',
    ExpressionAttributeValues: {
      ':pending': 'pending',
      ':confirmed': 'confirmed',
      ':nowIso': new Date(context.now).toISOString(),
    },
  });
  if (updated !== undefined) {
    return { outcome: 'confirmed', account: accountSchema.parse(updated.attributes) };
  }
  const account = await readAccount(email, context);
  return account?.status === 'confirmed'
    ? { outcome: 'already-confirmed' }
    : { outcome: 'not-found' };
}

/**
 * Undoes {@link confirmAccount} when the welcome email could not be queued, so the same link
 * works again instead of leaving a confirmed account that never got its welcome. Conditional
 * on the confirmation being this request's (`confirmedAt`), so it never undoes another's.
 *
 * @param email - the address
 * @param confirmedAt - the `confirmedAt` this request wrote (ISO 8601)
 * @param context - table and clock
 * @returns true when undone, false when the account changed since
 * @throws the SDK's error for anything but a failed condition
 */
export async function revertConfirmation(
  email: string,
  confirmedAt: string,
  context: AccountStoreContext,
): Promise<boolean> {
  const reverted = await updateIfAllowed(context, email, {
    UpdateExpression: 'SET #status = :pending, #expiresAt = :expiresAt REMOVE #confirmedAt',
    ConditionExpression: '#status = :confirmed AND #confirmedAt = :confirmedAt',
    ExpressionAttributeValues: {
      ':pending': 'pending',
      ':confirmed': 'confirmed',
      ':confirmedAt': confirmedAt,
      ':expiresAt': Math.floor(context.now / 1000) + context.pendingRetentionSeconds,
    },
  });
  return reverted !== undefined;
}
