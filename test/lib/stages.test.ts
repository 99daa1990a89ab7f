import { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SignupMailerStack } from '../../lib/signup-mailer-stack.js';
import { type Stage, stackNameOf } from '../../lib/stack-context.js';
import { baseStackProps, logicalIdOf, synthesizeStack } from './stack-fixture.js';

/**
 * The property holding the physical name of each resource type whose name must be unique in an
 * account and region. A type the stacks use but this table does not list fails the last test,
 * so a new named resource cannot slip past the side-by-side check.
 */
const uniqueNameProperties: Readonly<Record<string, string>> = {
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::CloudWatch::Dashboard': 'DashboardName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Events::Rule': 'Name',
  'AWS::IAM::Role': 'RoleName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::SES::ConfigurationSet': 'Name',
  'AWS::SES::EmailIdentity': 'EmailIdentity',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SQS::Queue': 'QueueName',
};
/** Types with no account-wide name (API ids, attachments, mappings, policies of one resource). */
const unnamedTypes = new Set([
  'AWS::ApiGatewayV2::Api', // Name need not be unique; the API id is
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Stage', // $default, per API
  'AWS::IAM::Policy', // inline, named per role
  'AWS::KMS::Key', // an alias would be named; the key is not
  'AWS::Lambda::EventInvokeConfig',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::Permission',
  'AWS::SES::ConfigurationSetEventDestination',
  'AWS::SNS::Subscription',
  'AWS::SNS::TopicPolicy',
  'AWS::SQS::QueuePolicy',
  'AWS::CDK::Metadata',
]);

function buildStage(app: App, stage: Stage, existingIdentity = false) {
  return new SignupMailerStack(app, stackNameOf(stage), {
    ...baseStackProps,
    alarmEmail: 'ops@example.com',
    stage,
    existingIdentity,
  });
}

function deletionPolicies(template: Template): Map<string, string> {
  const resources = template.toJSON().Resources as Record<string, { DeletionPolicy?: string }>;
  return new Map(Object.entries(resources).map(([id, r]) => [id, r.DeletionPolicy ?? 'Delete']));
}

describe('stages', () => {
  it('makes dev, the default stage, destroyable but for the SES identity: no termination protection', () => {
    const { stack, template } = synthesizeStack();
    const retained = [...deletionPolicies(template)].filter(([, policy]) => policy !== 'Delete');

    expect(stack.terminationProtection).toBe(false);
    // The identity another stage may import, and the configuration set that is its default.
    expect(retained.map(([id]) => id).sort()).toEqual(
      [stack.sesSender.identity, stack.sesSender.configurationSet].map(logicalIdOf).sort(),
    );
  });

  it.each(['dev', 'prod'] as const)(
    'keeps the SES identity it created, and its default configuration set, when %s is deleted',
    (stage) => {
      const { stack, template } = synthesizeStack({ stage });
      const resources = template.toJSON().Resources as Record<string, Record<string, unknown>>;

      for (const construct of [stack.sesSender.identity, stack.sesSender.configurationSet]) {
        expect(resources[logicalIdOf(construct)]).toMatchObject({
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
        });
      }
    },
  );

  it('lets a stage that imports the identity delete its own configuration set', () => {
    const { stack, template } = synthesizeStack({ existingIdentity: true });

    expect(deletionPolicies(template).get(logicalIdOf(stack.sesSender.configurationSet))).toBe(
      'Delete',
    );
  });

  it('protects prod from deletion and keeps its accounts, secret, queues and logs', () => {
    const { stack, template } = synthesizeStack({ stage: 'prod' });
    const policies = deletionPolicies(template);
    const kept = [
      stack.accountsTable,
      stack.tokenSecret,
      stack.emailQueue.queue,
      stack.emailQueue.deadLetterQueue,
      stack.sesFeedback.deadLetterQueue,
    ].map(logicalIdOf);
    const logGroups = Object.keys(template.findResources('AWS::Logs::LogGroup'));

    expect(stack.terminationProtection).toBe(true);
    expect(logGroups).toHaveLength(4);
    for (const id of [...kept, ...logGroups]) expect(policies.get(id), id).toBe('Retain');
    // Derived state goes with the stack even in prod.
    expect(policies.get(logicalIdOf(stack.emailQueue.idempotencyTable))).toBe('Delete');
    expect(policies.get(logicalIdOf(stack.alarmTopic.key))).toBe('Delete');
  });

  it('synthesizes dev and prod side by side in one app with no physical name in common', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    // The second stage in an account with the same sender imports its identity.
    const stacks = [buildStage(app, 'prod'), buildStage(app, 'dev', true)];
    const assembly = app.synth();

    const namesByStack = stacks.map((stack) => {
      const { Resources } = assembly.getStackByName(stack.stackName).template as {
        Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
      };
      const names: string[] = [];
      for (const { Type, Properties } of Object.values(Resources)) {
        expect(unnamedTypes.has(Type) || Type in uniqueNameProperties, Type).toBe(true);
        const property = uniqueNameProperties[Type];
        const name = property === undefined ? undefined : Properties?.[property];
        if (
          typeof name === 'string' &&
          !Type.startsWith('AWS::IAM::') &&
          Type !== 'AWS::KMS::Key'
        ) {
          names.push(`${Type} ${name}`);
        }
      }
      return names;
    });

    expect(stacks.map((stack) => stack.stackName)).toEqual([
      'SignupMailer-prod',
      'SignupMailer-dev',
    ]);
    expect(namesByStack[0]).toContain('AWS::SES::EmailIdentity no-reply@example.com');
    expect(namesByStack[0]?.filter((name) => namesByStack[1]?.includes(name))).toEqual([]);
  });
});
