import { Annotations, ArnFormat, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import {
  Alarm,
  type AlarmProps,
  type CfnAlarm,
  ComparisonOperator,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Properties of {@link AlarmTopic}. */
export interface AlarmTopicProps {
  /**
   * Address that receives the alarms (SNS sends it a subscription confirmation first).
   * @default - no subscription; subscribe to the topic by other means
   */
  readonly alarmEmail?: string;
}

/**
 * The SNS topic CloudWatch alarms publish to: encrypted with a customer managed KMS key, TLS
 * only, and publishable by exactly the alarms given to {@link AlarmTopic.notify}.
 *
 * Why a topic policy statement for CloudWatch: `enforceSSL` adds a topic policy that replaces
 * the default one, without which no alarm may publish. It and the key's statement are bound to
 * this account and the alarms' ARNs (`aws:SourceAccount`, `aws:SourceArn`), the confused-deputy
 * guard of the SNS Developer Guide. Why not `alias/aws/sns`: CloudWatch may only publish to an
 * encrypted topic whose key policy lets it, and the AWS managed key's policy cannot be changed
 * (SNS Developer Guide, "Enable compatibility between event sources from AWS services and
 * encrypted topics").
 */
export class AlarmTopic extends Construct {
  public readonly topic: Topic;
  /** The customer managed key the topic is encrypted with (rotated yearly). */
  public readonly key: Key;
  private readonly alarmArns: string[] = [];

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    const cloudWatch = new ServicePrincipal('cloudwatch.amazonaws.com');
    // Read at synthesis, once every alarm is known.
    const fromTheseAlarms = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': Lazy.list({ produce: () => this.listAlarmArns() }) },
    };

    this.key = new Key(this, 'Key', {
      description: 'Encrypts the signup-mailer alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowTheStackAlarmsToUseTheKey',
        principals: [cloudWatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: fromTheseAlarms,
      }),
    );

    this.topic = new Topic(this, 'Topic', {
      displayName: 'signup-mailer alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowTheStackAlarmsToPublish',
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: fromTheseAlarms,
      }),
    );
    if (props.alarmEmail !== undefined) {
      this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    } else {
      // A first deploy must not look watched when no alarm reaches anyone.
      Annotations.of(this).addWarningV2(
        'signup-mailer:no-alarm-subscriber',
        'No alarmEmail: the alarms publish to a topic nobody is subscribed to. Deploy with -c alarmEmail=you@example.com, or subscribe to the AlarmTopicArn output.',
      );
    }
  }

  /**
   * Makes an alarm notify the topic, and lets it, and only alarms given here, publish to the
   * topic and use its key.
   *
   * @param alarm - an alarm with an explicit name (see {@link createAlarm})
   * @throws Error when the alarm has no literal name: its ARN could not be named in the policies
   */
  public notify(alarm: Alarm): void {
    const alarmName = (alarm.node.defaultChild as CfnAlarm).alarmName;
    if (alarmName === undefined || Token.isUnresolved(alarmName)) {
      throw new Error(`Alarm ${alarm.node.path} needs an explicit name (createAlarm) to notify`);
    }
    this.alarmArns.push(
      Stack.of(this).formatArn({
        service: 'cloudwatch',
        resource: 'alarm',
        resourceName: alarmName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    );
    alarm.addAlarmAction(new SnsAction(this.topic));
  }

  private listAlarmArns(): string[] {
    // An empty list would be a condition no request meets: say so at synthesis instead.
    if (this.alarmArns.length === 0) {
      throw new Error(`${this.node.path}: no alarm notifies this topic (AlarmTopic.notify)`);
    }
    return this.alarmArns;
  }
}

/** What an alarm of {@link createAlarm} watches; the rest has defaults. */
export type AlarmOptions = Pick<AlarmProps, 'alarmDescription' | 'metric'> &
  Partial<Pick<AlarmProps, 'threshold' | 'comparisonOperator' | 'evaluationPeriods'>>;

/**
 * Creates an alarm named `<stack name>-<id>`, and makes it notify the topic. The explicit name
 * lets the topic's policies name the alarm's ARN without a reference (which would be circular)
 * and keeps two stages apart. Missing data is not a breach: SQS, Lambda and SES publish
 * nothing while idle, and idle is healthy.
 *
 * @param topic - the topic to notify; `undefined` leaves the alarm without actions
 * @param options - description and metric; @default threshold 1, `>=`, one period
 */
export function createAlarm(
  scope: Construct,
  id: string,
  topic: AlarmTopic | undefined,
  options: AlarmOptions,
): Alarm {
  const alarm = new Alarm(scope, id, {
    threshold: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    ...options,
    alarmName: `${Stack.of(scope).stackName}-${id}`,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  topic?.notify(alarm);
  return alarm;
}
