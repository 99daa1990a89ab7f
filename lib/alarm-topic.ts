import { RemovalPolicy } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
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
 * The SNS topic CloudWatch alarms publish to: encrypted at rest with a customer managed
 * KMS key and reachable over TLS only.
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

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);

    this.key = new Key(this, 'Key', {
      description: 'Encrypts the signup-mailer alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.key.grant(
      new ServicePrincipal('cloudwatch.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
    );

    this.topic = new Topic(this, 'Topic', {
      displayName: 'signup-mailer alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.alarmEmail !== undefined) {
      this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    }
  }
}
