import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { logicalIdOf, synthesizeStack } from './stack-fixture.js';

const { stack, template } = synthesizeStack();
const topic = [{ Ref: logicalIdOf(stack.alarmTopic.topic) }];
const functionName = (fn: typeof stack.signupApi.handler) => ({ Ref: logicalIdOf(fn) });
const apiDimensions = [
  { Name: 'ApiId', Value: { Ref: logicalIdOf(stack.signupApi.httpApi) } },
  { Name: 'Stage', Value: '$default' },
];

/** Every alarm on at least one occurrence per period, notifying the topic, no data not a breach. */
const onFirstOccurrence = {
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  Threshold: 1,
  EvaluationPeriods: 1,
  TreatMissingData: 'notBreaching',
  AlarmActions: topic,
};

describe('service alarms', () => {
  it('fires when an SES event reaches the feedback DLQ', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...onFirstOccurrence,
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [logicalIdOf(stack.sesFeedback.deadLetterQueue), 'QueueName'] },
        },
      ],
    });
  });

  it("fires when the feedback rule's invocations fail for good (RuleName alone: the default bus)", () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...onFirstOccurrence,
      Namespace: 'AWS/Events',
      MetricName: 'FailedInvocations',
      Statistic: 'Sum',
      Dimensions: [{ Name: 'RuleName', Value: { Ref: logicalIdOf(stack.sesFeedback.rule) } }],
    });
  });

  it.each([
    ['signup', stack.signupApi.handler],
    ['feedback', stack.sesFeedback.handler],
  ])('fires when the %s function reports an error', (_name, fn) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...onFirstOccurrence,
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Statistic: 'Sum',
      Dimensions: [{ Name: 'FunctionName', Value: functionName(fn) }],
    });
  });

  it('fires when Lambda throttles any of the three functions', () => {
    const throttles = (fn: typeof stack.signupApi.handler) =>
      Match.objectLike({
        MetricStat: Match.objectLike({
          Metric: {
            Namespace: 'AWS/Lambda',
            MetricName: 'Throttles',
            Dimensions: [{ Name: 'FunctionName', Value: functionName(fn) }],
          },
          Stat: 'Sum',
        }),
      });

    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...onFirstOccurrence,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'signup + worker + feedback', ReturnData: true }),
        throttles(stack.signupApi.handler),
        throttles(stack.emailQueue.worker),
        throttles(stack.sesFeedback.handler),
      ]),
    });
  });

  it('fires when the API answers with a 5xx', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...onFirstOccurrence,
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Statistic: 'Sum',
      Dimensions: apiDimensions,
    });
  });

  it("fires when the API's p99 latency stays above 3 s for two periods", () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      ExtendedStatistic: 'p99',
      Dimensions: apiDimensions,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 3000,
      EvaluationPeriods: 2,
      TreatMissingData: 'notBreaching',
      AlarmActions: topic,
    });
  });

  it('shows every alarm of the stack in the status widget and graphs each service alarm', () => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    const alarmIds = Object.keys(template.findResources('AWS::CloudWatch::Alarm'));

    expect(alarmIds).toHaveLength(12);
    for (const id of alarmIds) expect(body).toContain(`{"Fn::GetAtt":["${id}","Arn"]}`);
    expect(body).toContain('\\"type\\":\\"alarm\\"');
    for (const title of ['Feedback Dead Letter', 'Throttles', 'Api Latency', 'Api Server Errors']) {
      expect(body).toContain(`\\"title\\":\\"${title}\\"`);
    }
  });
});

describe('stack outputs', () => {
  it.each([
    ['TokenSecretArn', { Ref: logicalIdOf(stack.tokenSecret) }],
    ['AlarmTopicArn', { Ref: logicalIdOf(stack.alarmTopic.topic) }],
    ['FeedbackDeadLetterQueueUrl', { Ref: logicalIdOf(stack.sesFeedback.deadLetterQueue) }],
    ['AccountsTableName', { Ref: logicalIdOf(stack.accountsTable) }],
  ])('outputs %s', (name, value) => {
    template.hasOutput(name, { Value: value });
  });
});
