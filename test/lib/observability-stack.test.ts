import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { logicalIdOf, synthesizeStack } from './stack-fixture.js';

const { stack, template } = synthesizeStack({ alarmEmail: 'ops@example.com' });

describe('observability in the stack', () => {
  it("publishes the sender's configuration set events to the default event bus", () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: logicalIdOf(stack.sesSender.configurationSet) },
      EventDestination: Match.objectLike({
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']),
      }),
    });
  });

  it('gives the feedback function the accounts table and only UpdateItem on it', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          ACCOUNTS_TABLE: { Ref: logicalIdOf(stack.accountsTable) },
          POWERTOOLS_SERVICE_NAME: 'ses-feedback',
        }),
      },
    });
    const role = logicalIdOf(stack.sesFeedback.handler.role ?? stack);
    const policies = Object.values(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } }),
    );
    const dynamoDb = policies
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Record<string, unknown>[])
      .filter((statement) => JSON.stringify(statement.Action).includes('dynamodb:'));
    expect(dynamoDb).toEqual([
      expect.objectContaining({
        Action: 'dynamodb:UpdateItem',
        Resource: { 'Fn::GetAtt': [logicalIdOf(stack.accountsTable), 'Arn'] },
      }),
    ]);
  });

  it('lets the worker read the accounts table, to refuse undeliverable recipients', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          ACCOUNTS_TABLE: { Ref: logicalIdOf(stack.accountsTable) },
          IDEMPOTENCY_TABLE: Match.anyValue(),
        }),
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: logicalIdOf(stack.emailQueue.worker.role ?? stack) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: 'dynamodb:GetItem',
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [logicalIdOf(stack.accountsTable), 'Arn'] },
          },
        ]),
      },
    });
  });

  it('traces every function with X-Ray', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (fn) => fn.Properties.Runtime === 'nodejs22.x',
    );
    expect(functions).toHaveLength(3);
    for (const fn of functions) expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
  });

  it('builds one dashboard and alarms on the SES reputation, notifying the alarm topic', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    for (const metricName of ['Reputation.BounceRate', 'Reputation.ComplaintRate']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SES',
        MetricName: metricName,
        AlarmActions: [{ Ref: logicalIdOf(stack.alarmTopic.topic) }],
      });
    }
  });
});
