import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildFeedbackStack } from './observability-constructs.js';

const { stack } = buildFeedbackStack();
const template = Template.fromStack(stack);

describe('SesFeedback construct', () => {
  it('publishes bounces, complaints and deliveries of the configuration set to the default event bus', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: Match.stringLikeRegexp('ConfigurationSet') },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint', 'delivery']),
        EventBridgeDestination: {
          EventBusArn: {
            'Fn::Join': ['', Match.arrayWith([':events:us-east-1:123456789012:event-bus/default'])],
          },
        },
      },
    });
  });

  it('routes only SES events of this configuration set to the feedback function, with a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.ses'],
        detail: {
          mail: {
            tags: {
              'ses:configuration-set': [{ Ref: Match.stringLikeRegexp('ConfigurationSet') }],
            },
          },
        },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('SesFeedbackHandler'), 'Arn'] },
          DeadLetterConfig: {
            Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('SesFeedbackDeadLetterQueue'), 'Arn'] },
          },
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 8 }),
        }),
      ],
    });
  });

  it('sends an event whose invocation keeps failing to the dead-letter queue after two retries', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: {
          Destination: {
            'Fn::GetAtt': [Match.stringLikeRegexp('SesFeedbackDeadLetterQueue'), 'Arn'],
          },
        },
      },
    });
  });

  it('lets the function only UpdateItem the accounts table, besides its logs and traces', () => {
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: {
        Roles: [{ Ref: Match.stringLikeRegexp('SesFeedbackHandlerRole') }],
      },
    });
    const statements = Object.values(policies).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as Record<string, unknown>[],
    );
    const dynamoDb = statements.filter((statement) =>
      [statement.Action].flat().some((action) => String(action).startsWith('dynamodb:')),
    );
    expect(dynamoDb).toEqual([
      expect.objectContaining({
        Action: 'dynamodb:UpdateItem',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Accounts/), 'Arn'] },
      }),
    ]);
    const actions = statements.flatMap((statement) => [statement.Action].flat().map(String));
    for (const action of actions) {
      expect(action).toMatch(/^(dynamodb:UpdateItem|logs:|xray:|sqs:SendMessage|sqs:GetQueue)/);
    }
  });

  it('gives the function the accounts table and its service name', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          ACCOUNTS_TABLE: { Ref: Match.stringLikeRegexp('Accounts') },
          POWERTOOLS_SERVICE_NAME: 'ses-feedback',
        }),
      },
    });
  });

  it('keeps its dead-letter queue encrypted and reachable over TLS only', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
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
});
