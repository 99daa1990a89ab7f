import { randomUUID } from 'node:crypto';
import type { Locale } from '../../../emails/locales.js';
import { deliverabilityAttributes, toAccountKey } from '../../commons/account-deliverability.js';
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

/** Which email, if any, a signup queued: logs and metrics see it; the answer is the same for all. */
export type SignupOutcome = 'confirmation-queued' | 'notice-queued' | 'nothing-sent';

/**
 * Registers a signup and queues at most one email per mailbox (`toAccountKey`) per cooldown:
 * a `verify-email` link, to the address as typed, for a new or pending account; an
 * `already-registered` notice, to the confirmed address, for a confirmed one; nothing within
 * the cooldown or for an address SES reported undeliverable.
 *
 * The cooldown is claimed by a conditional write before the job is queued, so concurrent
 * signups queue one email between them; when SQS refuses the job, the claim is released, so a
 * retry is not refused for an email that never left.
 *
 * @param onReleaseFailed - told when a claim could not be released (the address then waits
 *   out one cooldown)
 * @returns the id to answer with (the job's, or a fresh UUID that no job has, so it tells
 *   nothing), the outcome and the SQS message id
 * @throws EnqueueFailedError when SQS refused the job (after the release); the SDK's error
 *   when DynamoDB fails (nothing was queued)
 */
export async function registerSignup(
  signup: Signup,
  context: AccountStoreContext &
    Pick<SignupConfig, 'queueUrl' | 'appUrl' | 'homeUrl' | 'tokenTtlSeconds'> & {
      readonly tokenKey: string;
    },
  onReleaseFailed: (error: unknown) => void,
): Promise<{ id: string; outcome: SignupOutcome; messageId?: string | undefined }> {
  const { now, tokenTtlSeconds: ttlSeconds } = context;
  const id = randomUUID();
  let job: EmailJob | undefined;
  let outcome: SignupOutcome = 'nothing-sent';
  if (await claimConfirmationEmail({ ...signup, jobId: id }, context)) {
    const token = signConfirmationToken(signup.email, {
      secret: context.tokenKey,
      ttlSeconds,
      now,
      locale: signup.locale,
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
      const props = { confirmedAt, appUrl: context.homeUrl };
      job = createEmailJob('already-registered', { ...account, id }, props, now);
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
 * Creates or refreshes a pending account and claims the right to send it a link now, in one
 * conditional `UpdateItem`: of concurrent signups only the first passes, for its write moves
 * `lastEmailAt` to now (DynamoDB applies a condition and its update atomically per item;
 * Developer Guide, "Condition expressions"). Fails for a confirmed account, within the
 * cooldown, and for an undeliverable address.
 *
 * @returns true when claimed (send the link)
 * @throws the SDK's error for anything but a failed condition
 */
export async function claimConfirmationEmail(
  signup: Signup & { readonly jobId: string },
  context: AccountStoreContext,
): Promise<boolean> {
  const { now } = context;
  const name = signup.name === undefined ? ' REMOVE #name' : ', #name = :name';
  const updated = await updateIfAllowed(context, toAccountKey(signup.email), {
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
 * the same cooldown as links.
 *
 * @returns the account, or undefined when there is no confirmed account or it may not be
 *   mailed now
 * @throws the SDK's error for anything but a failed condition
 */
export async function claimAlreadyRegisteredNotice(
  email: string,
  jobId: string,
  context: AccountStoreContext,
): Promise<Account | undefined> {
  const updated = await updateIfAllowed(context, toAccountKey(email), {
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
 * Gives back a claim whose email never reached the queue, so the person can retry at once;
 * only while the claim is still this job's, so it never erases a later request's.
 *
 * @returns true when released
 * @throws the SDK's error for anything but a failed condition
 */
export async function releaseEmailClaim(
  email: string,
  jobId: string,
  context: Pick<AccountStoreContext, 'accountsTable'>,
): Promise<boolean> {
  const released = await updateIfAllowed(context, toAccountKey(email), {
    UpdateExpression: 'REMOVE #lastEmailAt, #lastEmailJobId',
    ConditionExpression: '#lastEmailJobId = :jobId',
    ExpressionAttributeValues: { ':jobId': jobId },
  });
  return released !== undefined;
}

// The newest `lastEmailAt` (ms) that lets a new email go.
function cooldownCutoff({ now, resendCooldownSeconds }: AccountStoreContext): number {
  return now - resendCooldownSeconds * 1000;
}
