import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildDashboardStack } from './observability-constructs.js';

const { stack } = buildDashboardStack();
const template = Template.fromStack(stack);

/** The dashboard body, with its CloudFormation tokens left as JSON text. */
function readDashboardBody(): string {
  const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  return JSON.stringify(dashboards[0]?.Properties.DashboardBody);
}

describe('ObservabilityDashboard construct', () => {
  it('alarms when the SES account bounce rate reaches 2.5 %, below the 5 % review threshold', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.BounceRate',
      Statistic: 'Maximum',
      Threshold: 0.025,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Alarms') }],
    });
  });

  it('alarms when the SES account complaint rate reaches 0.05 %, below the 0.1 % review threshold', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.ComplaintRate',
      Threshold: 0.0005,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('takes other thresholds, and refuses one at or past the SES review threshold', () => {
    const { stack: custom } = buildDashboardStack({ bounceRateThreshold: 0.02 });
    Template.fromStack(custom).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Reputation.BounceRate',
      Threshold: 0.02,
    });
    expect(() => buildDashboardStack({ complaintRateThreshold: 0.002 })).toThrow(
      /complaintRateThreshold must be a rate above 0 and at most 0.001, got 0.002/,
    );
  });

  it('draws the pipeline metrics of the SignupMailer namespace', () => {
    const body = readDashboardBody();
    for (const name of [
      'JobsSent',
      'JobsRetried',
      'RenderTime',
      'SesCallTime',
      'JobAgeAtSend',
      'MetricName=\\\\\\"JobsDeadLettered\\\\\\"',
      'MetricName=\\\\\\"SignupsAccepted\\\\\\"',
      'MetricName=\\\\\\"SignupsRejected\\\\\\"',
      'MetricName=\\\\\\"SesEvents\\\\\\"',
    ]) {
      expect(body).toContain(name);
    }
    expect(body).toContain('SignupMailer');
  });

  it('draws queue depth and age, DLQ depth, function errors and durations, and the SES rates', () => {
    const body = readDashboardBody();
    for (const name of [
      'ApproximateNumberOfMessagesVisible',
      'ApproximateAgeOfOldestMessage',
      'DLQ messages',
      '\\"Errors\\"',
      '\\"Duration\\"',
      'SES bounce rate',
      'SES complaint rate',
    ]) {
      expect(body).toContain(name);
    }
  });
});
