import { type Emulators, startEmulators } from '../../local/emulators/emulators.js';
import { createAccountsTable, createIdempotencyTable } from '../../local/emulators/tables.js';
import type { BundleInvocation } from '../lambda-sandbox/lambda-sandbox.js';
import {
  type SecretsManagerStub,
  startSecretsManagerStub,
} from '../lambda-sandbox/secrets-manager-stub.js';
import {
  resolveEnvironment,
  type SynthesizedFunction,
} from '../lambda-sandbox/synthesized-function.js';

/** The services a cold-started bundle talks to, as in the bundle smoke test. */
export interface BundleSandbox {
  /** The function's synthesized environment, its references pointed at the local services. */
  environmentOf(name: 'signup' | 'worker', fn: SynthesizedFunction): Record<string, string>;
  /** Throws unless the invocation succeeded as that function should (202; no failures). */
  check(name: 'signup' | 'worker', invocation: BundleInvocation<unknown>): void;
  stop(): Promise<void>;
}

const region = 'us-east-1';
const tokenSecretArn = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:TokenSecret-AbCdEf';
const idempotencyTable = 'signup-mailer-idempotency';
const accountsTable = 'signup-mailer-accounts';

/**
 * Starts the emulators (SQS, SES v2, DynamoDB), the queue, DLQ, idempotency and accounts
 * tables, and
 * a Secrets Manager stub holding the token key: what both functions need for a first
 * invocation that does all its work.
 *
 * @returns the sandbox
 */
export async function startBundleSandbox(): Promise<BundleSandbox> {
  const emulators: Emulators = await startEmulators({ sqsPort: 0, sesPort: 0, region });
  const queueUrl = emulators.sqs.createQueue('email-jobs').queueUrl;
  const dlqUrl = emulators.sqs.createQueue('email-jobs-dlq').queueUrl;
  await createIdempotencyTable(emulators.dynamoDbEndpoint, region, idempotencyTable);
  await createAccountsTable(emulators.dynamoDbEndpoint, region, accountsTable);
  const secretsManager: SecretsManagerStub = await startSecretsManagerStub({
    [tokenSecretArn]: 'k'.repeat(64),
  });
  const standIns = {
    QUEUE_URL: queueUrl,
    DLQ_URL: dlqUrl,
    APP_URL: 'https://signup.example.test',
    TOKEN_SECRET_ARN: tokenSecretArn,
    IDEMPOTENCY_TABLE: idempotencyTable,
    ACCOUNTS_TABLE: accountsTable,
    SES_CONFIGURATION_SET: 'signup-mailer-bench',
  };
  return {
    environmentOf: (name, fn) => ({
      ...resolveEnvironment(fn, standIns),
      // The Lambda runtime sets the X-Ray trace header of each invocation here. Without it the
      // X-Ray SDK reports a missing context with an Error whose stack costs a full source map
      // parse, which a function in Lambda does not pay on its happy path.
      _X_AMZN_TRACE_ID:
        'Root=1-67a0b0c0-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=1',
      // The SDK warns once on Node 20 (not on Lambda's Node 22) that it will need Node 22;
      // the warning's stack trace is work a cold start in Lambda does not do.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // The bench mails bench-<n>@example.com, as the local stack may.
      ALLOW_EXAMPLE_RECIPIENTS: 'true',
      AWS_ENDPOINT_URL_SQS: emulators.sqsEndpoint,
      AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamoDbEndpoint,
      ...(name === 'signup'
        ? { AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint }
        : { AWS_ENDPOINT_URL_SESV2: emulators.sesEndpoint }),
    }),
    check(name, invocation) {
      const result = invocation.result as { statusCode?: number; batchItemFailures?: unknown[] };
      const ok =
        invocation.error === undefined &&
        (name === 'signup'
          ? result?.statusCode === 202
          : Array.isArray(result?.batchItemFailures) && result.batchItemFailures.length === 0);
      if (!ok) {
        throw new Error(
          `The ${name} bundle did not run: ${invocation.error ?? JSON.stringify(invocation.result)}\n${invocation.output}`,
        );
      }
    },
    stop: async () => {
      await Promise.all([emulators.stop(), secretsManager.stop()]);
    },
  };
}
