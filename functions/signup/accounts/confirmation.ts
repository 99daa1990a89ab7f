import type { SignupConfig } from '../config.js';
import {
  type Account,
  type AccountStoreContext,
  accountSchema,
  readAccount,
  updateIfAllowed,
} from './account-store.js';
import { createEmailJob, enqueueOrUndo } from './email-jobs.js';

/** The next steps the welcome email lists, in this order (the template words them). */
const welcomeNextSteps = ['bookmark-app', 'add-sender'] as const;

/** The outcome of {@link confirmAccount}. */
export type ConfirmAccountResult =
  | { readonly outcome: 'confirmed'; readonly account: Account }
  | { readonly outcome: 'already-confirmed' | 'not-found' };

/** The outcome of {@link confirmSignup}. */
export type ConfirmSignupResult =
  | { readonly outcome: 'confirmed'; readonly jobId: string; readonly messageId?: string }
  | { readonly outcome: 'already-confirmed' | 'not-found' };

/**
 * Confirms the account an authentic, unexpired link names, exactly once, and queues its
 * `welcome` email (in the account's locale, to the address as stored, with the next steps
 * and a link back to the app). Only the request
 * whose conditional write confirmed the account queues the welcome, so two clicks send one.
 * When SQS refuses the welcome job, the confirmation is reverted, so opening the link again
 * confirms and welcomes; should the revert fail too, the account stays confirmed without a
 * welcome, which is logged.
 *
 * @param email - the address the verified token names
 * @param context - table, queue, retention and clock
 * @param onRevertFailed - told when a confirmation could not be reverted (for the logs)
 * @throws EnqueueFailedError when SQS refused the welcome job (after the revert); the SDK's
 *   error when DynamoDB fails
 */
export async function confirmSignup(
  email: string,
  context: AccountStoreContext & Pick<SignupConfig, 'queueUrl' | 'appUrl'>,
  onRevertFailed: (error: unknown) => void,
): Promise<ConfirmSignupResult> {
  const result = await confirmAccount(email, context);
  if (result.outcome !== 'confirmed') return result;
  const { account } = result;
  const props = { appUrl: context.appUrl, nextSteps: [...welcomeNextSteps] };
  const job = createEmailJob('welcome', account, props, context.now);
  const confirmedAt = account.confirmedAt ?? new Date(context.now).toISOString();
  const revert = () => revertConfirmation(email, confirmedAt, context);
  const messageId = await enqueueOrUndo(job, context.queueUrl, revert, onRevertFailed);
  return { outcome: 'confirmed', jobId: job.id, messageId };
}

/**
 * Marks a pending account confirmed, exactly once: one conditional `UpdateItem`
 * (`status = pending`), so of two clicks only one confirms. Confirming also ends the pending
 * account's time to live (`expiresAt` is removed). When the condition fails, a strongly
 * consistent read tells a link used before (the account is confirmed) from one whose account
 * does not exist (never created, or forgotten after `pendingRetentionSeconds`).
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
  return { outcome: account?.status === 'confirmed' ? 'already-confirmed' : 'not-found' };
}

/**
 * Undoes {@link confirmAccount} when the welcome email could not be queued. Conditional on the
 * confirmation being this request's (`confirmedAt`), so it never undoes another's.
 *
 * @param email - the address
 * @param confirmedAt - the `confirmedAt` this request wrote (ISO 8601)
 * @param context - table, retention and clock
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
