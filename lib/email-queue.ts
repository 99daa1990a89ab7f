import { Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { serviceNames } from '../functions/commons/metric-names.js';
import type { AlarmTopic } from './alarm-topic.js';
import { createEmailQueueAlarms } from './email-queue-alarms.js';
import { createIdempotencyTable, grantIdempotencyRecords } from './idempotency-table.js';
import { createNodeFunction, resolveFunctionEntry } from './node-function.js';
import {
  type AlarmSettings,
  type QueueSettings,
  settings,
  type WorkerSettings,
  workerSettingsEnvironment,
} from './settings.js';

/** Properties of {@link EmailQueue}. */
export interface EmailQueueProps {
  /** Environment of the worker (MAIL_SENDER, MAIL_SUBJECT_PREFIX, SES_CONFIGURATION_SET). */
  readonly workerEnvironment: Readonly<Record<string, string>>;
  /** Retention of the worker's log group. */
  readonly logRetention: RetentionDays;
  /**
   * Most concurrent worker invocations the event source mapping starts (2 to 1000).
   * @default settings.worker.maxConcurrency
   */
  readonly maxConcurrency?: number;
  /**
   * Topic the alarms notify.
   * @default - alarms without actions
   */
  readonly alarmTopic?: AlarmTopic;
  /** @default settings.worker */
  readonly workerSettings?: WorkerSettings;
  /** @default settings.queue */
  readonly queueSettings?: QueueSettings;
  /** @default settings.alarms */
  readonly alarmSettings?: AlarmSettings;
}

/**
 * The email job queue and what drains it: an SQS queue with a dead-letter queue (DLQ),
 * the `send-email` worker, the event source mapping between them, and the alarms that
 * say when jobs fail or pile up.
 *
 * Encryption: SQS managed SSE (SSE-SQS). The messages hold an address and a signed link,
 * so they are encrypted at rest, but a KMS key would add a KMS call per batch, a key
 * policy Lambda and the API must be granted, and a monthly key cost, for an audit trail
 * of key use this product does not need.
 */
export class EmailQueue extends Construct {
  /** The queue the API enqueues email jobs on. */
  public readonly queue: Queue;
  /** Where SQS moves a job after `maxReceiveCount` failed receives. */
  public readonly deadLetterQueue: Queue;
  /** The worker that renders and sends each job. */
  public readonly worker: NodejsFunction;
  /** Where the worker records the jobs it sent, so a redelivered job is not sent twice. */
  public readonly idempotencyTable: Table;
  /** The event source mapping from the queue to the worker. */
  public readonly eventSource: SqsEventSource;
  /** Fires when the DLQ holds at least one message. */
  public readonly deadLetterAlarm: Alarm;
  /** Fires when the oldest queued job is older than `settings.alarms.oldestMessageAgeSeconds`. */
  public readonly oldestMessageAgeAlarm: Alarm;
  /** Fires when the worker reports an error (a failed invocation, not a failed record). */
  public readonly workerErrorsAlarm: Alarm;

  constructor(scope: Construct, id: string, props: EmailQueueProps) {
    super(scope, id);
    const worker = props.workerSettings ?? settings.worker;
    const queue = props.queueSettings ?? settings.queue;
    const maxConcurrency = props.maxConcurrency ?? worker.maxConcurrency;
    assertVisibilityTimeout(queue.visibilityTimeoutSeconds, worker.timeoutSeconds);
    if (queue.dlqRetentionPeriodSeconds <= queue.retentionPeriodSeconds) {
      throw new Error('The DLQ must keep messages longer than the queue it receives them from');
    }

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.seconds(queue.dlqRetentionPeriodSeconds),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(queue.visibilityTimeoutSeconds),
      retentionPeriod: Duration.seconds(queue.retentionPeriodSeconds),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: queue.maxReceiveCount },
    });

    this.idempotencyTable = createIdempotencyTable(this, 'IdempotencyTable');

    this.worker = createNodeFunction(this, 'Worker', {
      entry: resolveFunctionEntry('send-email'),
      description: 'Renders queued email jobs with React Email and sends them through SES v2',
      timeoutSeconds: worker.timeoutSeconds,
      memorySizeMb: worker.memorySizeMb,
      environment: {
        ...props.workerEnvironment,
        // ChangeMessageVisibility (backoff) on the queue; jobs no retry can help go to the DLQ.
        QUEUE_URL: this.queue.queueUrl,
        DLQ_URL: this.deadLetterQueue.queueUrl,
        IDEMPOTENCY_TABLE: this.idempotencyTable.tableName,
        POWERTOOLS_SERVICE_NAME: serviceNames.sendEmail,
        ...workerSettingsEnvironment({ queue, maxConcurrency }),
      },
      logRetention: props.logRetention,
    });
    this.eventSource = new SqsEventSource(this.queue, {
      batchSize: worker.batchSize,
      maxBatchingWindow: Duration.seconds(worker.maxBatchingWindowSeconds),
      maxConcurrency,
      reportBatchItemFailures: true,
    });
    this.worker.addEventSource(this.eventSource);
    // The event source mapping's grant already covers ChangeMessageVisibility on the queue.
    this.deadLetterQueue.grantSendMessages(this.worker);
    grantIdempotencyRecords(this.idempotencyTable, this.worker);

    const alarms = createEmailQueueAlarms(this, {
      queue: this.queue,
      deadLetterQueue: this.deadLetterQueue,
      worker: this.worker,
      settings: props.alarmSettings ?? settings.alarms,
      topic: props.alarmTopic,
    });
    this.deadLetterAlarm = alarms.deadLetterAlarm;
    this.oldestMessageAgeAlarm = alarms.oldestMessageAgeAlarm;
    this.workerErrorsAlarm = alarms.workerErrorsAlarm;
  }
}

/**
 * Throws unless the queue's visibility timeout is at least 6 × the worker's timeout.
 *
 * Why: a shorter one lets SQS hand a batch still being processed (or retried by the
 * poller) to another invocation, which sends the same email twice (AWS Lambda docs,
 * "Using Lambda with Amazon SQS": set the visibility timeout to at least six times the
 * function timeout).
 *
 * @param visibilityTimeoutSeconds - the queue's visibility timeout, in seconds
 * @param workerTimeoutSeconds - the worker's Lambda timeout, in seconds
 * @throws Error naming both values when the rule is broken
 */
export function assertVisibilityTimeout(
  visibilityTimeoutSeconds: number,
  workerTimeoutSeconds: number,
): void {
  if (visibilityTimeoutSeconds < 6 * workerTimeoutSeconds) {
    throw new Error(
      `Queue visibility timeout (${visibilityTimeoutSeconds} s) must be at least 6 × the worker timeout (${workerTimeoutSeconds} s)`,
    );
  }
}
