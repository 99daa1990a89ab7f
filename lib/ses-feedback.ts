import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  type ConfigurationSet,
  type ConfigurationSetEventDestination,
  EmailSendingEvent,
  EventDestination,
} from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { serviceNames } from '../functions/commons/metric-names.js';
import { createNodeFunction } from './node-function.js';

/** Properties of {@link SesFeedback}. */
export interface SesFeedbackProps {
  /** The configuration set every email is sent with; its events are the feedback. */
  readonly configurationSet: ConfigurationSet;
  /** The accounts table, whose accounts a hard bounce or complaint marks undeliverable. */
  readonly accountsTable: ITable;
  readonly logRetention: RetentionDays;
}

// Bounces and complaints act on accounts; the rest is counted. Sends, opens and clicks are
// left out: the worker counts its sends, and tracking opens would need a pixel.
const publishedSendingEvents: readonly EmailSendingEvent[] = [
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.DELIVERY,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.DELIVERY_DELAY,
  EmailSendingEvent.RENDERING_FAILURE,
];

/**
 * The SES feedback loop: the configuration set publishes its sending events to the default
 * EventBridge bus, a rule sends them to the feedback function, which marks hard-bounced and
 * complaining addresses undeliverable and counts every event.
 *
 * Why EventBridge, not SNS: no topic or policy to keep, the event arrives as JSON rather than
 * a string in an envelope, the rule filters by configuration set, and the target has its own
 * retries and DLQ (SES Developer Guide, "Set up an Amazon EventBridge event destination").
 * An event not delivered, or still failing after the retries, goes to {@link deadLetterQueue}.
 */
export class SesFeedback extends Construct {
  public readonly handler: NodejsFunction;
  /** The rule that routes the configuration set's events to {@link handler}. */
  public readonly rule: Rule;
  /** The configuration set's EventBridge event destination. */
  public readonly eventDestination: ConfigurationSetEventDestination;
  /** Events not delivered, or not handled after the retries. */
  public readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: SesFeedbackProps) {
    super(scope, id);
    const configurationSetName = props.configurationSet.configurationSetName;

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    this.handler = createNodeFunction(this, 'Handler', {
      functionName: 'ses-feedback',
      description: 'Records SES bounces and complaints on the accounts; counts SES events',
      timeoutSeconds: 10,
      memorySizeMb: 256,
      logRetention: props.logRetention,
      environment: {
        ACCOUNTS_TABLE: props.accountsTable.tableName,
        POWERTOOLS_SERVICE_NAME: serviceNames.sesFeedback,
      },
    });
    this.handler.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    // Its one call.
    Grant.addToPrincipal({
      grantee: this.handler,
      actions: ['dynamodb:UpdateItem'],
      resourceArns: [props.accountsTable.tableArn],
    });

    // SES accepts only the default bus as an EventBridge destination.
    const defaultBus = EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    this.eventDestination = props.configurationSet.addEventDestination('EventBridge', {
      destination: EventDestination.eventBus(defaultBus),
      events: [...publishedSendingEvents],
    });

    this.rule = new Rule(this, 'Rule', {
      description: `SES sending events of configuration set ${configurationSetName} to the feedback function`,
      eventPattern: {
        source: ['aws.ses'],
        // Every SES event carries its configuration set as a tag; other senders' events on the
        // account's default bus are left alone.
        detail: { mail: { tags: { 'ses:configuration-set': [configurationSetName] } } },
      },
      targets: [
        new LambdaFunction(this.handler, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });
  }
}
