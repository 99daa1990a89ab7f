import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type Alarm, ComparisonOperator } from 'aws-cdk-lib/aws-cloudwatch';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { serviceNames } from '../functions/commons/metric-names.js';
import { type AlarmOptions, type AlarmTopic, createAlarm } from './alarm-topic.js';
import { createNodeFunction } from './node-function.js';
import {
  type QueueSettings,
  settings,
  type WorkerSettings,
  workerSettingsEnvironment,
} from './settings.js';

/** Properties of {@link EmailQueue}. */
export interface EmailQueueProps {
  /** Environment of the worker (MAIL_SENDER, MAIL_SUBJECT_PREFIX, SES_CONFIGURATION_SET). */
  readonly workerEnvironment: Readonly<Record<string, string>>;
  readonly logRetention: RetentionDays;
  /**
   * Most concurrent worker invocations the event source mapping starts (2 to 1000).
   * @default settings.worker.maxConcurrency
   */
  readonly maxConcurrency?: number;
  /** Topic the alarms notify. @default - alarms without actions */
  readonly alarmTopic?: AlarmTopic;
  /** @default settings.worker */
  readonly workerSettings?: WorkerSettings;
  /** @default settings.queue */
  readonly queueSettings?: QueueSettings;
}

/**
 * The email job queue and what drains it: the queue with its DLQ, the `send-email` worker and
 * its idempotency table, the event source mapping, and the alarms that say an email will not
 * arrive.
 *
 * Encryption: SQS managed (SSE-SQS). The messages hold an address and a signed link, so they
 * are encrypted at rest; a KMS key would add a KMS call per batch, a key policy and a monthly
 * cost for an audit trail of key use this product does not need.
 */
export class EmailQueue extends Construct {
  /** The queue the API enqueues email jobs on. */
  public readonly queue: Queue;
  /** Where SQS moves a job after `maxReceiveCount` failed receives. */
  public readonly deadLetterQueue: Queue;
  public readonly worker: NodejsFunction;
  /** Where the worker records the jobs it sent, so a redelivered job is not sent twice. */
  public readonly idempotencyTable: Table;
  public readonly eventSource: SqsEventSource;
  /** The alarms that say an email will not arrive, each described by its `alarmDescription`. */
  public readonly alarms: readonly Alarm[];

  /** @throws Error when the visibility timeout or the DLQ's retention break the rules below */
  constructor(scope: Construct, id: string, props: EmailQueueProps) {
    super(scope, id);
    const worker = props.workerSettings ?? settings.worker;
    const queue = props.queueSettings ?? settings.queue;
    const maxConcurrency = props.maxConcurrency ?? worker.maxConcurrency;
    // Shorter, SQS could hand a batch still being processed to another invocation, which sends
    // it twice (AWS Lambda docs, "Using Lambda with Amazon SQS": at least six times the timeout).
    if (queue.visibilityTimeoutSeconds < 6 * worker.timeoutSeconds) {
      throw new Error(
        `Queue visibility timeout (${queue.visibilityTimeoutSeconds} s) must be at least 6 × the worker timeout (${worker.timeoutSeconds} s)`,
      );
    }
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

    // Powertools' idempotency layout (key `id`, TTL `expiration`). Destroyed with the stack:
    // the records matter only while the queues that could redeliver a job exist.
    this.idempotencyTable = new Table(this, 'IdempotencyTable', {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiration',
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.worker = createNodeFunction(this, 'Worker', {
      functionName: 'send-email',
      description: 'Renders queued email jobs with React Email and sends them through SES v2',
      timeoutSeconds: worker.timeoutSeconds,
      memorySizeMb: worker.memorySizeMb,
      environment: {
        ...props.workerEnvironment,
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
    // Exactly the item calls of Powertools' DynamoDB persistence layer.
    this.idempotencyTable.grant(
      this.worker,
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    );

    const alarms = settings.alarms;
    const period = Duration.seconds(alarms.periodSeconds);
    const definitions: Record<string, AlarmOptions> = {
      DeadLetterAlarm: {
        alarmDescription:
          'Email jobs reached the DLQ: they failed maxReceiveCount times and will not be sent',
        metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period,
          statistic: 'Maximum',
        }),
      },
      OldestMessageAgeAlarm: {
        alarmDescription: `The oldest email job has waited more than ${alarms.oldestMessageAgeSeconds} s: the worker is stuck or too slow`,
        metric: this.queue.metricApproximateAgeOfOldestMessage({ period, statistic: 'Maximum' }),
        threshold: alarms.oldestMessageAgeSeconds,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      },
      WorkerErrorsAlarm: {
        alarmDescription:
          'The send-email worker failed whole invocations (crash, timeout or bad configuration)',
        metric: this.worker.metricErrors({ period, statistic: 'Sum' }),
      },
    };
    this.alarms = Object.entries(definitions).map(([alarmId, options]) =>
      createAlarm(this, alarmId, props.alarmTopic, options),
    );
  }
}
