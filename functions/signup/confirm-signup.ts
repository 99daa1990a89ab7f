import type { EmailTemplateProps } from '../commons/email-job.js';
import { confirmAccount, revertConfirmation } from './account-confirmation.js';
import type { AccountStoreContext } from './account-store.js';
import { createEmailJob, EnqueueFailedError, enqueueEmailJob } from './enqueue-email-job.js';

/** What {@link confirmSignup} needs besides the address. */
export interface ConfirmSignupContext extends AccountStoreContext {
  readonly queueUrl: string;
  /** The app's public base URL, where the welcome email's button leads. */
  readonly appUrl: string;
}

/** The next steps the welcome email lists, in this order (the template words them). */
const welcomeNextSteps: EmailTemplateProps<'welcome'>['nextSteps'] = ['bookmark-app', 'add-sender'];

/** The result of {@link confirmSignup}. */
export type ConfirmSignupResult =
  | { readonly outcome: 'confirmed'; readonly jobId: string; readonly messageId?: string }
  | { readonly outcome: 'already-confirmed' | 'not-found' };

/**
 * Confirms the account an authentic, unexpired link names, exactly once, and queues its
 * `welcome` email (in the account's locale, to the address as stored, with the next steps
 * and a link back to the app). Only the request whose conditional write confirmed the
 * account queues the welcome, so two clicks send one.
 *
 * When SQS refuses the welcome job, the confirmation is reverted (conditionally, see
 * `revertConfirmation`) before the error is thrown, so opening the link again confirms and
 * welcomes; should the revert fail too, the account stays confirmed without a welcome, which
 * is logged.
 *
 * @param email - the address the verified token names
 * @param context - table, queue and clock
 * @param onRevertFailed - told when a confirmation could not be reverted (for the logs)
 * @throws EnqueueFailedError when SQS refused the welcome job (after the revert); the SDK's
 *   error when DynamoDB fails
 */
export async function confirmSignup(
  email: string,
  context: ConfirmSignupContext,
  onRevertFailed: (error: unknown) => void = () => undefined,
): Promise<ConfirmSignupResult> {
  const result = await confirmAccount(email, context);
  if (result.outcome !== 'confirmed') return result;
  const { account } = result;
  const job = createEmailJob(
    'welcome',
    { email: account.email, name: account.name, locale: account.locale },
    { appUrl: context.appUrl, nextSteps: welcomeNextSteps },
    new Date(context.now),
  );
  try {
    return {
      outcome: 'confirmed',
      jobId: job.id,
      messageId: await enqueueEmailJob(job, context.queueUrl),
    };
  } catch (error) {
    const confirmedAt = account.confirmedAt ?? new Date(context.now).toISOString();
    await revertConfirmation(email, confirmedAt, context).catch(onRevertFailed);
    throw new EnqueueFailedError(job.id, error);
  }
}
