import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import pThrottle from 'p-throttle';
import { dynamoDbClient } from '../commons/clients/dynamodb.js';
import type { EmailJob } from '../commons/email-job.js';
import type { RenderedEmail } from './render-email.js';
import { type SendSettings, sendEmailJob } from './send-email-job.js';

/**
 * Prefix of every idempotency key (`send-email#<hash of the job id>`): fixed rather than the
 * function's name, so keys survive a renamed function and match between AWS and the local stack.
 */
export const idempotencyKeyPrefix = 'send-email';

/** Starts a send no sooner than the pace allows; resolves or rejects as the send does. */
export type SendPacer = <T>(send: () => Promise<T>) => Promise<T>;

/** What became of one job; `sent-unrecorded` (the record failed after SES accepted) must not be retried. */
export type DeliveryOutcome =
  | { readonly status: 'sent'; readonly sesMessageId: string | undefined }
  | { readonly status: 'already-sent'; readonly sesMessageId: string | undefined }
  | {
      readonly status: 'sent-unrecorded';
      readonly sesMessageId: string | undefined;
      readonly recordError: unknown;
    };

/** Sends one rendered job unless it was sent before. */
export type SendEmailJobOnce = (job: EmailJob, email: RenderedEmail) => Promise<DeliveryOutcome>;

/** What {@link createSendEmailJobOnce} needs. */
export interface SendOnceOptions {
  /** Where the idempotency records live: {@link createIdempotencyStore} in the worker. */
  readonly persistenceStore: BasePersistenceLayer;
  /** From {@link createIdempotencyConfig}; the handler registers each invocation's context on it. */
  readonly config: IdempotencyConfig;
  readonly pace: SendPacer;
  readonly settings: SendSettings;
}

/**
 * Creates a pacer that starts at most one send every `1000 / ratePerSecond` ms (rounded up),
 * in order. Why even spacing: SES throttles past its maximum send rate per second, and a
 * batch would otherwise send ten at once; each container keeps its share of the account's
 * rate (SES Developer Guide, "Managing your Amazon SES sending quotas"). One per container, at
 * module scope, so the pace holds across a warm container's invocations.
 *
 * @param ratePerSecond - sends per second; any positive number (e.g. 4.67)
 * @throws RangeError when the rate is not a positive finite number
 */
export function createSendPacer(ratePerSecond: number): SendPacer {
  if (!Number.isFinite(ratePerSecond) || ratePerSecond <= 0) {
    throw new RangeError(`The send rate must be a positive number, got ${ratePerSecond}`);
  }
  const throttle = pThrottle({ limit: 1, interval: Math.ceil(1000 / ratePerSecond), strict: true });
  const start = throttle((send: () => Promise<unknown>) => send());
  return <T>(send: () => Promise<T>) => start(send) as Promise<T>;
}

/**
 * The worker's idempotency settings: keyed by the job id alone (a re-rendered body cannot
 * change the key), and never silently skipped for want of a key.
 *
 * @param expiresAfterSeconds - how long a sent job's record lives
 */
export function createIdempotencyConfig(expiresAfterSeconds: number): IdempotencyConfig {
  return new IdempotencyConfig({
    eventKeyJmesPath: 'id',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds,
  });
}

/** The idempotency table (Powertools' layout: key `id`, TTL `expiration`), through the container's client. */
export function createIdempotencyStore(tableName: string): DynamoDBPersistenceLayer {
  return new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: dynamoDbClient });
}

/**
 * Makes sending a job idempotent (Powertools `makeIdempotent`): an IN_PROGRESS record that
 * expires with the invocation, the paced SES call, then COMPLETED with the message id. A later
 * delivery sends nothing; one arriving mid-send gets `IdempotencyAlreadyInProgressError` and is
 * retried; a failed send deletes the record. SES v2 takes no idempotency token, so a crash
 * between SES's acceptance and the COMPLETED write sends one duplicate.
 */
export function createSendEmailJobOnce(options: SendOnceOptions): SendEmailJobOnce {
  // Set the moment SES accepts the email, so a failed record write is told from a failed send.
  type SendReceipt = { accepted: boolean; sesMessageId: string | undefined };
  const sendAndRecord = makeIdempotent(
    async (job: EmailJob, email: RenderedEmail, receipt: SendReceipt) => {
      const sesMessageId = await options.pace(() => sendEmailJob(job, email, options.settings));
      receipt.accepted = true;
      receipt.sesMessageId = sesMessageId;
      return { sesMessageId: sesMessageId ?? null };
    },
    {
      persistenceStore: options.persistenceStore,
      config: options.config,
      keyPrefix: idempotencyKeyPrefix,
      dataIndexArgument: 0,
    },
  );

  return async (job, email) => {
    const receipt: SendReceipt = { accepted: false, sesMessageId: undefined };
    try {
      const stored: unknown = await sendAndRecord(job, email, receipt);
      if (receipt.accepted) return { status: 'sent', sesMessageId: receipt.sesMessageId };
      const id = (stored as { sesMessageId?: unknown } | null)?.sesMessageId;
      return { status: 'already-sent', sesMessageId: typeof id === 'string' ? id : undefined };
    } catch (error) {
      if (!receipt.accepted) throw error;
      return { status: 'sent-unrecorded', sesMessageId: receipt.sesMessageId, recordError: error };
    }
  };
}
