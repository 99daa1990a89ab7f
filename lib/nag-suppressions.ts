import { Validations } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { settings } from './settings.js';
import type { SignupMailerStack } from './signup-mailer-stack.js';

/**
 * Acknowledges the AWS Solutions (cdk-nag) findings this design accepts on purpose,
 * each on the narrowest construct it applies to, with the reason it is acceptable.
 * Anything not listed here fails `cdk synth` and the cdk-nag test.
 *
 * @param stack - the stack whose findings are acknowledged
 */
export function addNagSuppressions(stack: SignupMailerStack): void {
  Validations.of(stack.tokenSecret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'The secret is the HMAC key of confirmation links, not a service credential: Secrets Manager ' +
      'has no rotation function for it, and rotating it would invalidate every link issued in the ' +
      `last ${settings.token.ttlSeconds} s. Replace the value by hand if it leaks.`,
  });

  for (const fn of [stack.signupApi.handler, stack.emailQueue.worker, stack.sesFeedback.handler]) {
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x, a supported Lambda runtime (Node.js 22 LTS): the bundles are built ' +
        'for target node22 and the bundle smoke test runs them against that runtime contract. ' +
        'Moving to a newer runtime is a deliberate change, not a side effect of a CDK upgrade.',
    });
  }

  // X-Ray active tracing adds xray:PutTraceSegments and xray:PutTelemetryRecords on `*`.
  for (const fn of [stack.signupApi.handler, stack.emailQueue.worker, stack.sesFeedback.handler]) {
    acknowledgeTraceUpload(fn.role);
  }

  Validations.of(stack.sesFeedback.deadLetterQueue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself a dead-letter queue: of the EventBridge rule target and of the SES ' +
      'feedback function asynchronous invocations. A dead-letter queue of a dead-letter queue would ' +
      'only move the same messages once more; they are kept 14 days for inspection.',
  });

  // Acknowledged on the API, so it covers every route, including ones added later (GET /).
  Validations.of(stack.signupApi.httpApi).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason:
      'A public signup API: anyone may sign up, and confirmation links are opened from an email ' +
      'client, so there is no caller identity to authorize. Abuse is bounded by stage throttling, ' +
      'the request body size limit, validation at the edge and signed, expiring tokens; ' +
      '/health returns no data.',
  });
}

/**
 * Acknowledges the one wildcard resource X-Ray active tracing needs on a function's role.
 *
 * @param role - the function's execution role
 */
export function acknowledgeTraceUpload(role: IRole | undefined): void {
  if (role === undefined) return;
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no ' +
      'resource-level permissions, so they can only be granted on "*" (AWS X-Ray Developer Guide, ' +
      '"Identity-based policies for AWS X-Ray"). They only upload trace data; no other action of ' +
      'the role has a wildcard resource.',
  });
}
