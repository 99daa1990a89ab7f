import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Alarm, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { describe, expect, it } from 'vitest';
import { AlarmTopic } from '../../lib/alarm-topic.js';
import { settings } from '../../lib/settings.js';
import { logicalIdOf, synthesizeStack } from './stack-fixture.js';

const { stack, template } = synthesizeStack();
const topicId = logicalIdOf(stack.alarmTopic.topic);
const keyId = logicalIdOf(stack.alarmTopic.key);

interface Statement {
  readonly Principal?: { Service?: string };
  readonly Condition?: { ArnLike?: { 'aws:SourceArn'?: unknown[] } };
}

/** The statements of a policy document whose principal is CloudWatch. */
function statementsFor(document: { Statement: Statement[] } | undefined): Statement[] {
  return (document?.Statement ?? []).filter(
    (statement) => statement.Principal?.Service === 'cloudwatch.amazonaws.com',
  );
}

/** `{ 'Fn::Join': ['', [...]] }` as text, with `${Ref}` for each reference. */
function joinToText(value: unknown): string {
  const parts = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  return parts
    .map((part) => (typeof part === 'string' ? part : `\${${(part as { Ref: string }).Ref}}`))
    .join('');
}

function sourceArnsOf(statement: Statement | undefined): string[] {
  return (statement?.Condition?.ArnLike?.['aws:SourceArn'] ?? []).map(joinToText).sort();
}

/** The ARN of every alarm in the template, from its name. */
function alarmArns(): string[] {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm'))
    .map(
      (alarm) =>
        `arn:\${AWS::Partition}:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:${alarm.Properties.AlarmName}`,
    )
    .sort();
}

describe('alarms', () => {
  it('fires when the DLQ holds at least one message', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [logicalIdOf(stack.emailQueue.deadLetterQueue), 'QueueName'] },
        },
      ],
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
    });
  });

  it('fires when the oldest queued job is older than the threshold in the settings', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [logicalIdOf(stack.emailQueue.queue), 'QueueName'] },
        },
      ],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: settings.alarms.oldestMessageAgeSeconds,
    });
  });

  it('fires when the worker reports an error', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf(stack.emailQueue.worker) } }],
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
    });
  });

  it('notifies the alarm topic from every alarm', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));

    // The pipeline's three, the SES bounce and complaint rates (issue 8), the service's seven.
    expect(alarms).toHaveLength(12);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    }
  });

  it('encrypts the alarm topic with a rotated customer managed key', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it("lets CloudWatch use the topic key for this account's alarms only, so they can publish to the encrypted topic", () => {
    const [statement] = statementsFor(template.toJSON().Resources[keyId].Properties.KeyPolicy);

    expect(statement).toMatchObject({
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    expect(sourceArnsOf(statement)).toEqual(alarmArns());
  });

  it("lets CloudWatch publish to the topic for this account's alarms only: the topic policy replaces the default one", () => {
    const [policy] = Object.values(template.findResources('AWS::SNS::TopicPolicy'));
    const [statement] = statementsFor(policy?.Properties.PolicyDocument);

    expect(statement).toMatchObject({
      Effect: 'Allow',
      Action: 'sns:Publish',
      Resource: { Ref: topicId },
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    expect(sourceArnsOf(statement)).toEqual(alarmArns());
  });

  it('names every alarm after the stack, so two stages never share an alarm name', () => {
    const names = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
      (alarm) => alarm.Properties.AlarmName as string,
    );

    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^SignupMailerTest-[A-Za-z0-9]+$/);
  });

  it('refuses to notify the topic from an alarm without an explicit name', () => {
    const scope = new Stack(new App(), 'Scope');
    const topic = new AlarmTopic(scope, 'Alarms');
    const alarm = new Alarm(scope, 'Unnamed', {
      metric: new Metric({ namespace: 'Test', metricName: 'Test' }),
      threshold: 1,
      evaluationPeriods: 1,
    });

    expect(() => topic.notify(alarm)).toThrow(/Scope\/Unnamed needs an explicit name/);
  });

  it('denies publishing to the alarm topic without TLS', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('subscribes no address when no alarm email is given, and warns at synth that no alarm reaches anyone', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    Annotations.fromStack(stack).hasWarning(
      '*',
      Match.stringLikeRegexp(
        'No alarmEmail: the alarms publish to a topic nobody is subscribed to',
      ),
    );
  });

  it('subscribes the alarm email, and does not warn', () => {
    const subscribed = synthesizeStack({ alarmEmail: 'ops@acme.io' });

    subscribed.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@acme.io',
    });
    Annotations.fromStack(subscribed.stack).hasNoWarning('*', Match.stringLikeRegexp('alarmEmail'));
  });
});
