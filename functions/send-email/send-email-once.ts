import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { dynamoDbClient } from '../commons/clients/dynamodb.js';
import type { EmailJob } from '../commons/email-job.js';
import type { RenderedEmail } from './render-email.js';
import { type SendSettings, sendEmailJob } from './send-email-job.js';
import type { SendPacer } from './send-pacer.js';

/**
 * Prefix of every idempotency key (`send-email#<hash of the job id>`). Fixed, rather than
 * Powertools' default of the Lambda function's name, so that keys survive a redeploy that
 * renames the function and match between AWS and the local stack.
 */
export const idempotencyKeyPrefix = 'send-email';

/** What became of one job. */
export type DeliveryOutcome =
  /** SES accepted the email just now, and the job is recorded as sent. */
  | { readonly status: 'sent'; readonly sesMessageId: string | undefined }
  /** The job was sent before (a redelivery): nothing was sent now. */
  | { readonly status: 'already-sent'; readonly sesMessageId: string | undefined }
  /**
   * SES accepted the email just now, but recording it failed. It must not be retried: a
   * retry would send it again.
   */
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
  /** Paces the SES calls (see `send-pacer.ts`). */
  readonly pace: SendPacer;
  /** Sender, subject prefix, configuration set. */
  readonly settings: SendSettings;
}

/** Set by the idempotent function the moment SES accepts the email. */
interface SendReceipt {
  accepted: boolean;
  sesMessageId: string | undefined;
}

/**
 * The idempotency settings of the worker: keyed by the job id only (`eventKeyJmesPath: 'id'`,
 * so a re-rendered body cannot change the key), and never silently skipped for want of a key.
 *
 * @param expiresAfterSeconds - how long a sent job's record lives (`settings.idempotency`)
 */
export function createIdempotencyConfig(expiresAfterSeconds: number): IdempotencyConfig {
  return new IdempotencyConfig({
    eventKeyJmesPath: 'id',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds,
  });
}

/**
 * The DynamoDB table of idempotency records (Powertools' layout: partition key `id`,
 * string; TTL attribute `expiration`), through the container's DynamoDB client.
 *
 * @param tableName - the table (`IDEMPOTENCY_TABLE`)
 */
export function createIdempotencyStore(tableName: string): DynamoDBPersistenceLayer {
  return new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: dynamoDbClient });
}

/**
 * Makes sending a job idempotent, so a redelivered job never produces a second email.
 *
 * How (Powertools for AWS Lambda, Idempotency utility, `makeIdempotent`): before sending,
 * a conditional write records the job id as IN_PROGRESS, expiring with the invocation
 * (`registerLambdaContext`), so a crashed attempt does not block the retry. Then the send
 * is paced and SES is called, and the record becomes COMPLETED with the SES message id,
 * nothing else in between. A later delivery of the same job finds COMPLETED and sends
 * nothing; one arriving while another invocation sends it gets
 * `IdempotencyAlreadyInProgressError`, which the worker retries later. When the send fails,
 * the record is deleted, so a retry sends.
 *
 * The residual window: SES v2 `SendEmail` takes no idempotency token, so SES cannot tell a
 * repeated request from a new email. If the invocation dies after SES accepted the email
 * and before the COMPLETED write (timeout, crash, lost connection), the record expires with
 * the invocation and the redelivered job is sent again: at most one duplicate per such crash.
 * When the COMPLETED write itself fails, the email is known to be sent, so the outcome is
 * `sent-unrecorded` and the job must not be retried.
 *
 * @param options - persistence store, idempotency config, pacer and send settings
 * @returns the function that sends one job once
 */
export function createSendEmailJobOnce(options: SendOnceOptions): SendEmailJobOnce {
  const sendAndRecord = makeIdempotent(
    async (job: EmailJob, email: RenderedEmail, receipt: SendReceipt) => {
      const sesMessageId = await options.pace(() => sendEmailJob(job, email, options.settings));
      receipt.accepted = true;
      receipt.sesMessageId = sesMessageId;
      // Stored as the record's result, and returned to later deliveries.
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
      return { status: 'already-sent', sesMessageId: readStoredMessageId(stored) };
    } catch (error) {
      if (!receipt.accepted) throw error;
      return { status: 'sent-unrecorded', sesMessageId: receipt.sesMessageId, recordError: error };
    }
  };
}

/** The SES message id of a stored result, if it holds one. */
function readStoredMessageId(stored: unknown): string | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const id = (stored as { sesMessageId?: unknown }).sesMessageId;
  return typeof id === 'string' ? id : undefined;
}
