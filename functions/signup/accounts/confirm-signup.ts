import type { SignupConfig } from '../config.js';
import { confirmAccount, revertConfirmation } from './account-confirmation.js';
import type { AccountStoreContext } from './account-store.js';
import { createEmailJob, enqueueOrUndo } from './email-jobs.js';

/** The result of {@link confirmSignup}. */
export type ConfirmSignupResult =
  | { readonly outcome: 'confirmed'; readonly jobId: string; readonly messageId?: string }
  | { readonly outcome: 'already-confirmed' | 'not-found' };

/**
 * Confirms the account an authentic, unexpired link names, exactly once, and queues its
 * `welcome` email (in the account's locale, to the address as stored). Only the request
 * whose conditional write confirmed the account queues the welcome, so two clicks send one.
 *
 * When SQS refuses the welcome job, the confirmation is reverted (conditionally, see
 * `revertConfirmation`), so opening the link again confirms and welcomes; should the revert
 * fail too, the account stays confirmed without a welcome, which is logged.
 *
 * @param email - the address the verified token names
 * @param context - table, queue, retention and clock
 * @param onRevertFailed - told when a confirmation could not be reverted (for the logs)
 * @throws EnqueueFailedError when SQS refused the welcome job (after the revert); the SDK's
 *   error when DynamoDB fails
 */
export async function confirmSignup(
  email: string,
  context: AccountStoreContext & Pick<SignupConfig, 'queueUrl'>,
  onRevertFailed: (error: unknown) => void,
): Promise<ConfirmSignupResult> {
  const result = await confirmAccount(email, context);
  if (result.outcome !== 'confirmed') return result;
  const { account } = result;
  const job = createEmailJob(
    'welcome',
    { email: account.email, name: account.name, locale: account.locale },
    {},
    context.now,
  );
  const confirmedAt = account.confirmedAt ?? new Date(context.now).toISOString();
  const revert = () => revertConfirmation(email, confirmedAt, context);
  const messageId = await enqueueOrUndo(job, context.queueUrl, revert, onRevertFailed);
  return { outcome: 'confirmed', jobId: job.id, messageId };
}
