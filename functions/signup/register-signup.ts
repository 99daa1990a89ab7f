import { randomUUID } from 'node:crypto';
import type { Locale } from '../../emails/locales.js';
import { settings } from '../../lib/settings.js';
import type { EmailJob } from '../commons/email-job.js';
import type { AccountStoreContext } from './account-store.js';
import { signConfirmationToken } from './confirmation-token.js';
import {
  claimAlreadyRegisteredNotice,
  claimConfirmationEmail,
  releaseEmailClaim,
} from './email-claims.js';
import {
  createEmailJob,
  createVerifyEmailJob,
  EnqueueFailedError,
  enqueueEmailJob,
} from './enqueue-email-job.js';

/** A valid signup, with the locale its emails are to be in. */
export interface Signup {
  readonly email: string;
  readonly name?: string;
  readonly locale: Locale;
}

/** What {@link registerSignup} needs besides the signup. */
export interface RegisterSignupContext extends AccountStoreContext {
  readonly queueUrl: string;
  /** The API's public base URL; links are `${appUrl}/confirm?token=…`. */
  readonly appUrl: string;
  /** The token key. */
  readonly tokenSecret: string;
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
 * (`settings.accounts.resendCooldownSeconds`):
 *
 * - no account, or a pending one past its cooldown → the account is pending, a
 *   `verify-email` job with a new signed link is queued;
 * - a confirmed account past its cooldown → an `already-registered` notice to its owner,
 *   saying since when the address is confirmed;
 * - within the cooldown → nothing.
 *
 * The cooldown is claimed with a conditional write before the job is queued, so concurrent
 * signups queue one email between them. When SQS then refuses the job, the claim is released
 * (conditionally, see `releaseEmailClaim`) before the error is thrown, so the client's retry
 * is not refused for a cooldown whose email never left; should the release fail too, the
 * address waits out one cooldown, which is logged.
 *
 * @param signup - the normalized signup and its locale
 * @param context - table, queue, link base, token key and clock
 * @param onReleaseFailed - told when a claim could not be released (for the logs)
 * @throws EnqueueFailedError when SQS refused the job (after the release); the SDK's error
 *   when DynamoDB fails (nothing was queued)
 */
export async function registerSignup(
  signup: Signup,
  context: RegisterSignupContext,
  onReleaseFailed: (error: unknown) => void = () => undefined,
): Promise<RegisteredSignup> {
  const id = randomUUID();
  let job: EmailJob | undefined;
  let outcome: SignupOutcome = 'nothing-sent';
  if (await claimConfirmationEmail({ ...signup, jobId: id }, context)) {
    const ttlSeconds = settings.token.ttlSeconds;
    const token = signConfirmationToken(signup.email, {
      secret: context.tokenSecret,
      ttlSeconds,
      now: context.now,
    });
    job = createVerifyEmailJob(
      {
        ...signup,
        id,
        confirmUrl: `${context.appUrl}/confirm?token=${token}`,
        expiresInMinutes: Math.round(ttlSeconds / 60),
      },
      new Date(context.now),
    );
    outcome = 'confirmation-queued';
  } else {
    const account = await claimAlreadyRegisteredNotice(signup.email, id, context);
    if (account !== undefined) {
      const { email, name, locale, confirmedAt } = account;
      job = createEmailJob(
        'already-registered',
        { id, email, name, locale },
        { confirmedAt },
        new Date(context.now),
      );
      outcome = 'notice-queued';
    }
  }
  if (job === undefined) return { id, outcome };
  try {
    return { id, outcome, messageId: await enqueueEmailJob(job, context.queueUrl) };
  } catch (error) {
    await releaseEmailClaim(signup.email, id, context).catch(onReleaseFailed);
    throw new EnqueueFailedError(id, error);
  }
}
