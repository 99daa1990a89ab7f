import { randomUUID } from 'node:crypto';
import type { Locale } from '../../../emails/locales.js';
import type { EmailJob } from '../../commons/email-job.js';
import type { SignupConfig } from '../config.js';
import type { AccountStoreContext } from './account-store.js';
import { signConfirmationToken } from './confirmation-token.js';
import {
  claimAlreadyRegisteredNotice,
  claimConfirmationEmail,
  releaseEmailClaim,
} from './email-claims.js';
import { createEmailJob, enqueueOrUndo } from './email-jobs.js';

/** A valid signup, with the locale its emails are to be in. */
export interface Signup {
  readonly email: string;
  readonly name?: string;
  readonly locale: Locale;
}

/** What {@link registerSignup} needs besides the signup. */
export interface RegisterSignupContext
  extends AccountStoreContext,
    Pick<SignupConfig, 'queueUrl' | 'appUrl' | 'tokenTtlSeconds'> {
  /** The token key. */
  readonly tokenKey: string;
}

/**
 * What became of a signup: which email, if any, was queued. Only logs may see it; the answer
 * to the client is the same for all.
 */
export type SignupOutcome = 'confirmation-queued' | 'notice-queued' | 'nothing-sent';

/** The result of {@link registerSignup}. */
export interface RegisteredSignup {
  /**
   * The id to answer with: the queued job's id, or, when nothing was queued, a random UUID
   * that no job has, drawn the same way (v4), so it tells nothing.
   */
  readonly id: string;
  readonly outcome: SignupOutcome;
  /** The SQS message id of the queued job. */
  readonly messageId?: string;
}

/**
 * Registers a signup and queues at most one email, under the per-address cooldown
 * (`resendCooldownSeconds`):
 *
 * - no account, or a pending one past its cooldown → the account is pending, a
 *   `verify-email` job with a new signed link is queued;
 * - a confirmed account past its cooldown → an `already-registered` notice to its owner;
 * - within the cooldown → nothing.
 *
 * The cooldown is claimed with a conditional write before the job is queued, so concurrent
 * signups queue one email between them. When SQS then refuses the job, the claim is released
 * (conditionally, see `releaseEmailClaim`), so the client's retry is not refused for a
 * cooldown whose email never left; should the release fail too, the address waits out one
 * cooldown, which is logged.
 *
 * @param signup - the normalized signup and its locale
 * @param context - table, queue, link base, token key, times and clock
 * @param onReleaseFailed - told when a claim could not be released (for the logs)
 * @throws EnqueueFailedError when SQS refused the job (after the release); the SDK's error
 *   when DynamoDB fails (nothing was queued)
 */
export async function registerSignup(
  signup: Signup,
  context: RegisterSignupContext,
  onReleaseFailed: (error: unknown) => void,
): Promise<RegisteredSignup> {
  const { now } = context;
  const id = randomUUID();
  let job: EmailJob | undefined;
  let outcome: SignupOutcome = 'nothing-sent';
  if (await claimConfirmationEmail({ ...signup, jobId: id }, context)) {
    const token = signConfirmationToken(signup.email, {
      secret: context.tokenKey,
      ttlSeconds: context.tokenTtlSeconds,
      now,
    });
    const confirmUrl = `${context.appUrl}/confirm?token=${token}`;
    const expiresInMinutes = Math.round(context.tokenTtlSeconds / 60);
    job = createEmailJob('verify-email', { ...signup, id }, { confirmUrl, expiresInMinutes }, now);
    outcome = 'confirmation-queued';
  } else {
    const account = await claimAlreadyRegisteredNotice(signup.email, id, context);
    if (account !== undefined) {
      const { email, name, locale } = account;
      job = createEmailJob('already-registered', { id, email, name, locale }, {}, now);
      outcome = 'notice-queued';
    }
  }
  if (job === undefined) return { id, outcome };
  const release = () => releaseEmailClaim(signup.email, id, context);
  return {
    id,
    outcome,
    messageId: await enqueueOrUndo(job, context.queueUrl, release, onReleaseFailed),
  };
}
