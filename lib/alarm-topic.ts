import { ArnFormat, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import type { Alarm, CfnAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct, type IConstruct } from 'constructs';

/** Properties of {@link AlarmTopic}. */
export interface AlarmTopicProps {
  /**
   * Address that receives the alarms (SNS sends it a subscription confirmation first).
   * @default - no subscription; subscribe to the topic by other means
   */
  readonly alarmEmail?: string;
}

/**
 * The name of an alarm of this stack: `<stack name>-<id>`. Explicit, so that the alarm's ARN
 * is known without a reference to the alarm (the topic's key policy cannot refer to the
 * alarms, which refer to the topic), and so that two stages of the stack never share one.
 *
 * @param scope - any construct of the stack
 * @param id - the alarm's construct id, unique in the stack
 */
export function alarmNameOf(scope: IConstruct, id: string): string {
  return `${Stack.of(scope).stackName}-${id}`;
}

/**
 * The SNS topic CloudWatch alarms publish to: encrypted at rest with a customer managed
 * KMS key, reachable over TLS only, and publishable by exactly the alarms given to
 * {@link AlarmTopic.notify}.
 *
 * Why a topic policy statement for CloudWatch: `enforceSSL` gives the topic an
 * `AWS::SNS::TopicPolicy`, which replaces the topic's default policy, so without it no alarm
 * may publish ("Resource: arn:aws:cloudwatch:…:alarm:… is not authorized to perform:
 * SNS:Publish", AWS re:Post knowledge center, "cloudwatch-receive-sns-for-alarm-trigger").
 * The statement and the key's are conditioned on this account (`aws:SourceAccount`) and on
 * the alarms' ARNs (`aws:SourceArn`), so no other account's or other alarm's notification can
 * use them (the confused-deputy guard of the SNS Developer Guide, "Example cases for Amazon
 * SNS access control").
 *
 * Why not the AWS managed key `alias/aws/sns`: its key policy cannot be changed, and
 * CloudWatch may only publish to an encrypted topic whose key lets the
 * `cloudwatch.amazonaws.com` principal use it (Amazon SNS Developer Guide,
 * "Enable compatibility between event sources from AWS services and encrypted topics").
 */
export class AlarmTopic extends Construct {
  /** The topic alarm actions publish to. */
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
    }
  }

  /**
   * Makes an alarm notify the topic when it goes into ALARM, and lets that alarm, and only
   * alarms given here, publish to the topic and use its key.
   *
   * @param alarm - an alarm of this stack with an explicit name (see {@link alarmNameOf})
   * @throws Error when the alarm has no literal name: its ARN could not be named in the policies
   */
  public notify(alarm: Alarm): void {
    const alarmName = (alarm.node.defaultChild as CfnAlarm).alarmName;
    if (alarmName === undefined || Token.isUnresolved(alarmName)) {
      throw new Error(`Alarm ${alarm.node.path} needs an explicit name (alarmNameOf) to notify`);
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
