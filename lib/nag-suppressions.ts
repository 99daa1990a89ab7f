import { type Stack, Validations } from 'aws-cdk-lib';
import { type CfnRoute, HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Policy } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { apiRoutes } from './api-routes.js';
import { settings } from './settings.js';
import type { SignupMailerStack } from './signup-mailer-stack.js';

/**
 * Acknowledges the AWS Solutions (cdk-nag) findings this design accepts on purpose, each on the
 * one resource and for the one finding it is about, with its reason. Anything else fails
 * `cdk synth` and the cdk-nag test.
 */
export function addNagSuppressions(stack: SignupMailerStack): void {
  Validations.of(resourceOf(stack.tokenSecret)).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'The secret is the HMAC key of confirmation links, not a service credential: Secrets Manager ' +
      'has no rotation function for it, and rotating it would invalidate every link issued in the ' +
      `last ${settings.token.ttlSeconds} s. Replace the value by hand if it leaks.`,
  });

  for (const fn of [stack.signupApi.handler, stack.emailQueue.worker, stack.sesFeedback.handler]) {
    Validations.of(resourceOf(fn)).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x, a supported Lambda runtime (Node.js 22 LTS): the bundles are built ' +
        'for target node22 and the bundle smoke test runs them against that runtime contract. ' +
        'Moving to a newer runtime is a deliberate change, not a side effect of a CDK upgrade.',
    });
  }

  Validations.of(resourceOf(stack.sesFeedback.deadLetterQueue)).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself a dead-letter queue: of the EventBridge rule target and of the SES ' +
      'feedback function asynchronous invocations. A dead-letter queue of a dead-letter queue would ' +
      'only move the same messages once more; they are kept 14 days for inspection.',
  });

  // Each documented route (lib/api-routes.ts) on its own; a route added elsewhere is reported.
  const publicRouteKeys = new Set(apiRoutes.map(({ method, path }) => `${method} ${path}`));
  for (const route of stack.signupApi.httpApi.node.children) {
    if (!(route instanceof HttpRoute)) continue;
    const resource = resourceOf(route) as CfnRoute;
    if (!publicRouteKeys.has(resource.routeKey)) continue;
    Validations.of(resource).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        `${resource.routeKey} is a route of a public signup API: anyone may sign up, and ` +
        'confirmation links are opened from an email client, so there is no caller identity to ' +
        'authorize. Abuse is bounded by stage throttling, the per-client signup limit, the request ' +
        'body size limit, validation at the edge and signed, expiring tokens; /health returns no data.',
    });
  }

  if (stack.sesSender.sandboxed) {
    Validations.of(
      resourceOf(stack.emailQueue.worker.role?.node.tryFindChild('DefaultPolicy')),
    ).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${asNagWritesIt(stack, stack.sesSender.recipientIdentitiesArn)}]`,
      reason:
        'SES sandbox mode (-c sesSandbox=true): while the account is in the sandbox, SES authorizes ' +
        "SendEmail against each recipient's identity too, and the verified recipients are whatever " +
        'identities the account holds. Leave the sandbox and deploy without the flag to drop it.',
    });
  }
}

/** Acknowledges the wildcard X-Ray tracing needs, on the policy that holds only that grant. */
export function acknowledgeTraceUpload(traceUpload: Policy): void {
  Validations.of(resourceOf(traceUpload)).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no ' +
      'resource-level permissions, so they can only be granted on "*" (AWS X-Ray Developer Guide, ' +
      '"Identity-based policies for AWS X-Ray"). This policy holds that grant alone; they only ' +
      'upload trace data.',
  });
}

// A resource ARN as cdk-nag writes it in a finding id: literal where the stack's environment
// is known, each reference as `<Name>` otherwise (`arn:<AWS::Partition>:ses:<AWS::Region>:…`).
function asNagWritesIt(stack: Stack, arn: string): string {
  const resolved: unknown = stack.resolve(arn);
  if (typeof resolved === 'string') return resolved;
  const [, parts] = (resolved as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return parts
    .map((part) => (typeof part === 'string' ? part : `<${(part as { Ref: string }).Ref}>`))
    .join('');
}

// The CloudFormation resource of an L2 construct, where cdk-nag reports its findings.
function resourceOf(construct: IConstruct | undefined): IConstruct {
  const resource = construct?.node.defaultChild;
  if (resource === undefined) {
    throw new Error(`No resource to acknowledge a finding on in ${construct?.node.path}`);
  }
  return resource;
}
