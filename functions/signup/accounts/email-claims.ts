import { deliverabilityAttributes } from '../../commons/account-deliverability.js';
import {
  type Account,
  type AccountStoreContext,
  accountSchema,
  updateIfAllowed,
} from './account-store.js';

/** No mail goes to an account SES reported undeliverable (`account-deliverability.ts`). */
const deliverable = `attribute_not_exists(#${deliverabilityAttributes.deliverability})`;

/** What a pending account is created or refreshed with; see {@link claimConfirmationEmail}. */
export interface PendingSignup {
  /** The normalized address. */
  readonly email: string;
  readonly name?: string;
  readonly locale: Account['locale'];
  /** The id of the job the claim is for. */
  readonly jobId: string;
}

/**
 * Creates a pending account, or refreshes a pending one, and claims the right to send it a
 * confirmation link now — in one conditional `UpdateItem`, so concurrent signups for one
 * address cannot both pass: the first write moves `lastEmailAt` to now and the condition of
 * every other write within the cooldown fails (DynamoDB evaluates a condition and applies its
 * update atomically per item; DynamoDB Developer Guide, "Condition expressions").
 *
 * The claim succeeds when no account exists, or a pending one exists whose last email is
 * `resendCooldownSeconds` old or older (or was released). It fails for a
 * confirmed account, for a pending one within the cooldown, and for one SES reported
 * undeliverable (a hard bounce or a complaint, see `account-deliverability.ts`): mail to it
 * must stop, and a job for it would only end in the DLQ.
 *
 * @param signup - address, name, locale and the job the claim is for
 * @param context - table, cooldown, retention and clock
 * @returns true when claimed (send the link), false when the condition failed
 * @throws the SDK's error for anything but a failed condition
 */
export async function claimConfirmationEmail(
  signup: PendingSignup,
  context: AccountStoreContext,
): Promise<boolean> {
  const { now } = context;
  const name = signup.name === undefined ? ' REMOVE #name' : ', #name = :name';
  return updateIfAllowed(context, signup.email, {
    UpdateExpression: `SET #email = :email, #locale = :locale, #status = :pending, #lastEmailAt = :now, #lastEmailJobId = :jobId, #expiresAt = :expiresAt, #createdAt = if_not_exists(#createdAt, :nowIso)${name}`,
    ConditionExpression: `attribute_not_exists(#emailKey) OR (#status = :pending AND ${deliverable} AND (attribute_not_exists(#lastEmailAt) OR #lastEmailAt <= :cutoff))`,
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
  }).then((updated) => updated !== undefined);
}

/**
 * Claims the right to send the "already registered" notice to a confirmed account now, under
 * the same cooldown as confirmation links, in one conditional `UpdateItem`; never to an
 * account SES reported undeliverable.
 *
 * @param email - the normalized address
 * @param jobId - the job the claim is for
 * @param context - table and clock
 * @returns the account (to address the notice), or undefined when there is no confirmed
 *   account or its cooldown has not passed
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
    ConditionExpression: `#status = :confirmed AND ${deliverable} AND (attribute_not_exists(#lastEmailAt) OR #lastEmailAt <= :cutoff)`,
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
 * Gives back a claim whose email never reached the queue, so the person can retry at once
 * instead of waiting out a cooldown for an email that was not sent. Conditional on the claim
 * still being this job's, so it can never erase a later request's claim.
 *
 * @param email - the normalized address
 * @param jobId - the job of the claim
 * @param context - table and clock
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
