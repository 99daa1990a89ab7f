import { toAccountKey } from '../../commons/account-deliverability.js';
import type { EmailTemplateProps } from '../../commons/email-job.js';
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
const welcomeNextSteps: EmailTemplateProps<'welcome'>['nextSteps'] = ['bookmark-app', 'add-sender'];

/**
 * Confirms the account an authentic, unexpired link names, exactly once, and queues its
 * `welcome` email: only the request whose conditional write confirmed it queues one, so two
 * clicks send one. When SQS refuses the welcome, the confirmation is reverted, so opening the
 * link again confirms and welcomes.
 *
 * @param email - the address the verified token names
 * @param onRevertFailed - told when a confirmation could not be reverted (it then stays
 *   confirmed without a welcome)
 * @throws EnqueueFailedError when SQS refused the welcome (after the revert); the SDK's error
 *   when DynamoDB fails
 */
export async function confirmSignup(
  email: string,
  context: AccountStoreContext & Pick<SignupConfig, 'queueUrl' | 'homeUrl'>,
  onRevertFailed: (error: unknown) => void,
): Promise<
  | { readonly outcome: 'confirmed'; readonly jobId: string; readonly messageId?: string }
  | { readonly outcome: 'already-confirmed' | 'not-found' }
> {
  const result = await confirmAccount(email, context);
  if (result.outcome !== 'confirmed') return result;
  const { account } = result;
  const props = { appUrl: context.homeUrl, nextSteps: [...welcomeNextSteps] };
  const job = createEmailJob('welcome', account, props, context.now);
  const confirmedAt = account.confirmedAt ?? new Date(context.now).toISOString();
  const revert = () => revertConfirmation(email, confirmedAt, context);
  const messageId = await enqueueOrUndo(job, context.queueUrl, revert, onRevertFailed);
  return { outcome: 'confirmed', jobId: job.id, messageId };
}

/**
 * Marks a pending account confirmed, exactly once (conditional on `status = pending`), and
 * ends its time to live. The address the link was sent to becomes the account's, so the
 * welcome goes where the person clicked, whichever `+tag` a later signup typed. When the
 * condition fails, a consistent read tells a link used before from one whose account does not
 * exist (never created, or forgotten).
 *
 * @throws the SDK's error when DynamoDB fails
 */
export async function confirmAccount(
  email: string,
  context: AccountStoreContext,
): Promise<
  | { readonly outcome: 'confirmed'; readonly account: Account }
  | { readonly outcome: 'already-confirmed' | 'not-found' }
> {
  const updated = await updateIfAllowed(context, toAccountKey(email), {
    ReturnValues: 'ALL_NEW',
    UpdateExpression:
      'SET #status = :confirmed, #confirmedAt = :nowIso, #email = :email REMOVE #expiresAt',
    ConditionExpression: '#status = :pending',
    ExpressionAttributeValues: {
      ':email': email,
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
 * Undoes {@link confirmAccount} when the welcome could not be queued, only while the
 * confirmation is this request's (its `confirmedAt`, ISO 8601), so it never undoes another's.
 *
 * @returns true when undone
 * @throws the SDK's error for anything but a failed condition
 */
export async function revertConfirmation(
  email: string,
  confirmedAt: string,
  context: AccountStoreContext,
): Promise<boolean> {
  const reverted = await updateIfAllowed(context, toAccountKey(email), {
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
