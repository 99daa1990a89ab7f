import { CfnResource, Validations } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { synthesizeStack } from './stack-fixture.js';

const { stack } = synthesizeStack({ alarmEmail: 'ops@example.com', corsOrigins: ['*'] });

/** Every `Validations.of(...).acknowledge(...)` in a scope: rule id, reason, where. */
function acknowledgments(scope: IConstruct) {
  return scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([key, reason]) => ({
          id: key.replace(/^annotation::/i, ''),
          reason,
          construct,
        })),
      ),
  );
}

function acknowledgedRules(scope: IConstruct): Map<string, string[]> {
  const rules = new Map<string, string[]>();
  for (const { id, reason } of acknowledgments(scope)) {
    rules.set(id, [...(rules.get(id) ?? []), reason]);
  }
  return rules;
}

/** The findings of the AWS Solutions pack, by rule id, as construct paths. */
function violationsOf(scope: IConstruct, options: { ignoreAcknowledgments?: boolean } = {}) {
  const pack = new AwsSolutionsChecks(undefined, { verbose: true });
  // Reaches into cdk-nag to see the raw findings; if cdk-nag renames this, the test fails.
  if (options.ignoreAcknowledgments) Object.assign(pack, { isAcknowledged: () => false });
  return pack
    .validateScope(scope)
    .violations.map((v) => [v.ruleName, v.violatingResources.map((r) => r.constructPath)]);
}

describe('AWS Solutions checks (cdk-nag)', () => {
  it('report no unacknowledged error or warning', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);

    expect(report.violations).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('acknowledge only rules the pack reports when acknowledgments are ignored', () => {
    const reported = new Set(
      violationsOf(stack, { ignoreAcknowledgments: true }).map(([id]) => id),
    );

    expect([...reported].sort()).toEqual([...acknowledgedRules(stack).keys()].sort());
  });

  it('give every acknowledgment a written reason', () => {
    for (const [id, reasons] of acknowledgedRules(stack)) {
      for (const reason of reasons) {
        expect(reason.length, `reason of ${id}`).toBeGreaterThan(80);
      }
    }
    expect([...acknowledgedRules(stack).keys()].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-L1',
      'AwsSolutions-SMG4',
      'AwsSolutions-SQS3',
    ]);
  });

  it('acknowledge each finding on the one CloudFormation resource it is about', () => {
    for (const { id, construct } of acknowledgments(stack)) {
      expect(construct, `${id} on ${construct.node.path}`).toBeInstanceOf(CfnResource);
    }
  });

  it('acknowledge the X-Ray wildcard only on policies that grant the trace upload alone', () => {
    const onPolicies = acknowledgments(stack).filter(
      ({ id }) => id === 'AwsSolutions-IAM5[Resource::*]',
    );

    expect(onPolicies).toHaveLength(3);
    for (const { construct } of onPolicies) {
      const document = stack.resolve(
        (construct as CfnResource & { policyDocument: unknown }).policyDocument,
      );
      expect(document.Statement).toEqual([
        {
          Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
          Effect: 'Allow',
          Resource: '*',
        },
      ]);
    }
  });

  it('still report a wildcard resource added to a function role later', () => {
    const { stack: widened } = synthesizeStack();
    widened.emailQueue.worker.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }),
    );

    expect(violationsOf(widened)).toEqual([
      [
        'AwsSolutions-IAM5[Resource::*]',
        ['SignupMailerTest/EmailQueue/WorkerRole/DefaultPolicy/Resource'],
      ],
    ]);
  });

  it('still report a route that is not one of the documented public routes', () => {
    const { stack: extended } = synthesizeStack();
    extended.signupApi.httpApi.addRoutes({
      path: '/admin',
      methods: [HttpMethod.GET],
      integration: new HttpLambdaIntegration('Admin', extended.signupApi.handler),
    });

    expect(violationsOf(extended)).toEqual([
      ['AwsSolutions-APIG4', ['SignupMailerTest/SignupApi/HttpApi/GET--admin/Resource']],
    ]);
  });

  it('acknowledge the sandbox grant on identity/* only with -c sesSandbox=true, on the worker policy', () => {
    const { stack: sandboxed } = synthesizeStack({ sesSandbox: true });
    const sandboxRule =
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]';

    expect(violationsOf(sandboxed)).toEqual([]);
    expect(
      acknowledgments(sandboxed)
        .filter(({ id }) => id === sandboxRule)
        .map(({ construct }) => construct.node.path),
    ).toEqual(['SignupMailerTest/EmailQueue/WorkerRole/DefaultPolicy/Resource']);
    expect(acknowledgedRules(stack).has(sandboxRule)).toBe(false);
  });

  it('acknowledge the sandbox grant as cdk-nag writes it for a known account and region', () => {
    const { stack: deployed } = synthesizeStack({
      sender: 'no-reply@acme-mail.com',
      sesSandbox: true,
      env: { account: '123456789012', region: 'eu-west-1' },
    });

    expect(violationsOf(deployed)).toEqual([]);
    expect(acknowledgedRules(deployed).keys()).toContain(
      'AwsSolutions-IAM5[Resource::arn:aws:ses:eu-west-1:123456789012:identity/*]',
    );
  });
});
