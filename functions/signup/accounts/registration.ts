import { randomUUID } from 'node:crypto';
import type { Locale } from '../../../emails/locales.js';
import { deliverabilityAttributes } from '../../commons/account-deliverability.js';
import type { EmailJob } from '../../commons/email-job.js';
import type { SignupConfig } from '../config.js';
import {
  type Account,
  type AccountStoreContext,
  accountSchema,
  updateIfAllowed,
} from './account-store.js';
import { signConfirmationToken } from './confirmation-token.js';
import { createEmailJob, enqueueOrUndo } from './email-jobs.js';

/** A valid signup, with the locale its emails are to be in. */
export interface Signup {
  readonly email: string;
  readonly name?: string | undefined;
  readonly locale: Locale;
}

/**
 * What became of a signup: which email, if any, was queued. Only logs and metrics see it;
 * the answer to the client is the same for all.
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
  readonly messageId?: string | undefined;
}

/**
 * Registers a signup and queues at most one email per address per cooldown
 * (`resendCooldownSeconds`):
 *
 * - no account, or a pending one past its cooldown → the account is pending, a
 *   `verify-email` job with a new signed link is queued;
 * - a confirmed account past its cooldown → an `already-registered` notice to its owner,
 *   saying since when the address is confirmed;
 * - within the cooldown, or an address SES reported undeliverable → nothing.
 *
 * The cooldown is claimed with a conditional write before the job is queued, so concurrent
 * signups queue one email between them. When SQS then refuses the job, the claim is released,
 * so the client's retry is not refused for a cooldown whose email never left; should the
 * release fail too, the address waits out one cooldown, which is logged.
 *
 * @param signup - the normalized signup and its locale
 * @param context - table, queue, link base, token key, times and clock
 * @param onReleaseFailed - told when a claim could not be released (for the logs)
 * @throws EnqueueFailedError when SQS refused the job (after the release); the SDK's error
 *   when DynamoDB fails (nothing was queued)
 */
export async function registerSignup(
  signup: Signup,
  context: AccountStoreContext &
    Pick<SignupConfig, 'queueUrl' | 'appUrl' | 'tokenTtlSeconds'> & { readonly tokenKey: string },
  onReleaseFailed: (error: unknown) => void,
): Promise<RegisteredSignup> {
  const { now, tokenTtlSeconds: ttlSeconds } = context;
  const id = randomUUID();
  let job: EmailJob | undefined;
  let outcome: SignupOutcome = 'nothing-sent';
  if (await claimConfirmationEmail({ ...signup, jobId: id }, context)) {
    const token = signConfirmationToken(signup.email, {
      secret: context.tokenKey,
      ttlSeconds,
      now,
    });
    const props = {
      confirmUrl: `${context.appUrl}/confirm?token=${token}`,
      expiresInMinutes: Math.round(ttlSeconds / 60),
    };
    job = createEmailJob('verify-email', { ...signup, id }, props, now);
    outcome = 'confirmation-queued';
  } else {
    const account = await claimAlreadyRegisteredNotice(signup.email, id, context);
    if (account !== undefined) {
      const { confirmedAt } = account;
      job = createEmailJob('already-registered', { ...account, id }, { confirmedAt }, now);
      outcome = 'notice-queued';
    }
  }
  if (job === undefined) return { id, outcome };
  const release = () => releaseEmailClaim(signup.email, id, context);
  const messageId = await enqueueOrUndo(job, context.queueUrl, release, onReleaseFailed);
  return { id, outcome, messageId };
}

// Mail may go: SES reported no hard bounce or complaint (`account-deliverability.ts`), and the
// last email is at least a cooldown old (or was released).
const mayEmail = `attribute_not_exists(#${deliverabilityAttributes.deliverability}) AND (attribute_not_exists(#lastEmailAt) OR #lastEmailAt <= :cutoff)`;

/**
 * Creates a pending account, or refreshes a pending one, and claims the right to send it a
 * confirmation link now, in one conditional `UpdateItem`: of concurrent signups for one
 * address only the first passes, for its write moves `lastEmailAt` to now (DynamoDB evaluates
 * a condition and applies its update atomically per item; DynamoDB Developer Guide,
 * "Condition expressions"). It fails for a confirmed account, for a pending one within the
 * cooldown, and for one SES reported undeliverable: mail to it must stop.
 *
 * @param signup - address, name, locale and the job the claim is for
 * @param context - table, cooldown, retention and clock
 * @returns true when claimed (send the link), false when the condition failed
 * @throws the SDK's error for anything but a failed condition
 */
export async function claimConfirmationEmail(
  signup: Signup & { readonly jobId: string },
  context: AccountStoreContext,
): Promise<boolean> {
  const { now } = context;
  const name = signup.name === undefined ? ' REMOVE #name' : ', #name = :name';
  const updated = await updateIfAllowed(context, signup.email, {
    UpdateExpression: `SET #email = :email, #locale = :locale, #status = :pending, #lastEmailAt = :now, #lastEmailJobId = :jobId, #expiresAt = :expiresAt, #createdAt = if_not_exists(#createdAt, :nowIso)${name}`,
    ConditionExpression: `attribute_not_exists(#emailKey) OR (#status = :pending AND ${mayEmail})`,
    ExpressionAttributeValues: {
      ':email': signup.email,
      ':locale': signup.locale,
      ':pending': 'pending',
      ':now': now,
      ':jobId': signup.jobId,
      ':expiresAt': Math.floor(now / 1000) + context.pendingRetentionSeconds,
      ':nowIso': new Date(now).toISOString(),
      ':cutoff': cooldownCutoff(context),
      ...(signup.name === undefined ? {} : { ':name': signup.name }),
    },
  });
  return updated !== undefined;
}

/**
 * Claims the right to send the "already registered" notice to a confirmed account now, under
 * the same cooldown as confirmation links, in one conditional `UpdateItem`.
 *
 * @param email - the normalized address
 * @param jobId - the job the claim is for
 * @param context - table, cooldown and clock
 * @returns the account (to address the notice), or undefined when there is no confirmed
 *   account or it may not be mailed now
 * @throws the SDK's error for anything but a failed condition
 */
export async function claimAlreadyRegisteredNotice(
  email: string,
  jobId: string,
  context: AccountStoreContext,
): Promise<Account | undefined> {
  const updated = await updateIfAllowed(context, email, {
    ReturnValues: 'ALL_NEW',
    UpdateExpression: 'SET #lastEmailAt = :now, #lastEmailJobId = :jobId',
    ConditionExpression: `#status = :confirmed AND ${mayEmail}`,
    ExpressionAttributeValues: {
      ':confirmed': 'confirmed',
      ':now': context.now,
      ':jobId': jobId,
      ':cutoff': cooldownCutoff(context),
    },
  });
  return updated === undefined ? undefined : accountSchema.parse(updated.attributes);
}

/**
 * Gives back a claim whose email never reached the queue, so the person can retry at once.
 * Conditional on the claim still being this job's, so it never erases a later request's.
 *
 * @param email - the normalized address
 * @param jobId - the job of the claim
 * @param context - the table
 * @returns true when released, false when the claim was no longer this job's
 * @throws the SDK's error for anything but a failed condition
 */
export async function releaseEmailClaim(
  email: string,
  jobId: string,
  context: Pick<AccountStoreContext, 'accountsTable'>,
): Promise<boolean> {
  const released = await updateIfAllowed(context, email, {
    UpdateExpression: 'REMOVE #lastEmailAt, #lastEmailJobId',
    ConditionExpression: '#lastEmailJobId = :jobId',
    ExpressionAttributeValues: { ':jobId': jobId },
  });
  return released !== undefined;
}

/** The newest `lastEmailAt` (ms) that lets a new email go: the cooldown before `now` (ms). */
function cooldownCutoff({ now, resendCooldownSeconds }: AccountStoreContext): number {
  return now - resendCooldownSeconds * 1000;
}
