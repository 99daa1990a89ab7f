import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyStructuredResultV2, SQSBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BundleInvocation,
  canResolveFromTask,
  copyBundle,
  invokeBundle,
  linkRuntimeProvidedModules,
} from '../../bench/lambda-sandbox/lambda-sandbox.js';
import {
  type SecretsManagerStub,
  startSecretsManagerStub,
} from '../../bench/lambda-sandbox/secrets-manager-stub.js';
import {
  readSynthesizedFunction,
  resolveEnvironment,
} from '../../bench/lambda-sandbox/synthesized-function.js';
import { emailTemplates } from '../../emails/templates.js';
import { localClientConfig } from '../../local/emulators/client-config.js';
import { type Emulators, startEmulators } from '../../local/emulators/emulators.js';
import { isAddressedTo, listInboxEmails, waitForEmail } from '../../local/emulators/inbox.js';
import { createAccountsTable, createIdempotencyTable } from '../../local/emulators/tables.js';
import { makeHttpApiEvent, makeSignupEvent } from '../factories/api-gateway-events.js';
import { makeEmailJob } from '../factories/sqs-email-job.js';
import { makeSqsEvent, makeSqsRecord } from '../factories/sqs-event.js';
import { synthesizeStack } from './stack-fixture.js';

const workDir = mkdtempSync(join(tmpdir(), 'signup-mailer-bundles-'));
const outdir = join(workDir, 'cdk.out');
const runtimeModulesDir = join(workDir, 'runtime', 'node_modules');
const { stack, template } = synthesizeStack({}, { bundle: true, outdir });
const signupFn = readSynthesizedFunction(template, stack.signupApi.handler, outdir);
const workerFn = readSynthesizedFunction(template, stack.emailQueue.worker, outdir);
const feedbackFn = readSynthesizedFunction(template, stack.sesFeedback.handler, outdir);

const tokenSecretArn = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:TokenSecret-AbCdEf';
const appUrl = 'https://signup.example.test';
// Not in a domain reserved for examples: the synthesized functions refuse those, as deployed.
const recipientDomain = 'bundle-smoke.signup-mailer.dev';
const recipient = `ada@${recipientDomain}`;
// Guards against a dependency slipping in unnoticed; raise deliberately, with the reason.
const bundleBudgetBytes = { signup: 600_000, worker: 800_000, feedback: 400_000 };

let emulators: Emulators;
let secretsManager: SecretsManagerStub;
let queueUrl: string;
let dlqUrl: string;
const idempotencyTable = 'signup-mailer-idempotency';
const accountsTable = 'signup-mailer-accounts';
let signupBundle: string;
let workerBundle: string;
let feedbackBundle: string;
const measurements: Record<string, BundleInvocation<unknown>> = {};

function invokeSignup(event: unknown) {
  return invokeBundle<APIGatewayProxyStructuredResultV2>({
    bundleFile: signupBundle,
    event,
    runtimeModulesDir,
    workDir,
    environment: {
      ...resolveEnvironment(signupFn, {
        QUEUE_URL: queueUrl,
        ACCOUNTS_TABLE: accountsTable,
        APP_URL: appUrl,
        TOKEN_SECRET_ARN: tokenSecretArn,
      }),
      AWS_ENDPOINT_URL_SQS: emulators.sqsEndpoint,
      AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamoDbEndpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
    },
  });
}

function invokeWorker(event: unknown) {
  return invokeBundle<SQSBatchResponse>({
    bundleFile: workerBundle,
    event,
    runtimeModulesDir,
    workDir,
    environment: {
      ...resolveEnvironment(workerFn, {
        SES_CONFIGURATION_SET: 'signup-mailer-smoke',
        QUEUE_URL: queueUrl,
        DLQ_URL: dlqUrl,
        IDEMPOTENCY_TABLE: idempotencyTable,
        ACCOUNTS_TABLE: accountsTable,
      }),
      AWS_ENDPOINT_URL_SESV2: emulators.sesEndpoint,
      AWS_ENDPOINT_URL_SQS: emulators.sqsEndpoint,
      AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamoDbEndpoint,
    },
  });
}

function invokeFeedback(event: unknown) {
  return invokeBundle<unknown>({
    bundleFile: feedbackBundle,
    event,
    runtimeModulesDir,
    workDir,
    environment: {
      ...resolveEnvironment(feedbackFn, { ACCOUNTS_TABLE: accountsTable }),
      AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamoDbEndpoint,
    },
  });
}

/** A recorded SES event from `test/fixtures/ses-events/`, about `address` instead. */
function readSesEvent(fixture: string, address: string): unknown {
  const url = new URL(`../fixtures/ses-events/${fixture}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8').replaceAll('Ann@example.com', address));
}

async function readAccountItem(address: string) {
  const client = new DynamoDBClient(localClientConfig(emulators.dynamoDbEndpoint));
  try {
    const output = await client.send(
      new GetItemCommand({ TableName: accountsTable, Key: { emailKey: { S: address } } }),
    );
    return output.Item;
  } finally {
    client.destroy();
  }
}

function queuedMessages() {
  return emulators.sqs.inspectQueue('email-jobs')?.messages.ready ?? [];
}

beforeAll(async () => {
  mkdirSync(runtimeModulesDir, { recursive: true });
  linkRuntimeProvidedModules(runtimeModulesDir);
  signupBundle = copyBundle(signupFn.assetDir, join(workDir, 'task-signup'));
  workerBundle = copyBundle(workerFn.assetDir, join(workDir, 'task-send-email'));
  feedbackBundle = copyBundle(feedbackFn.assetDir, join(workDir, 'task-ses-feedback'));
  emulators = await startEmulators({ sqsPort: 0, sesPort: 0, region: 'us-east-1' });
  queueUrl = emulators.sqs.createQueue('email-jobs').queueUrl;
  dlqUrl = emulators.sqs.createQueue('email-jobs-dlq').queueUrl;
  await createIdempotencyTable(emulators.dynamoDbEndpoint, 'us-east-1', idempotencyTable);
  await createAccountsTable(emulators.dynamoDbEndpoint, 'us-east-1', accountsTable);
  secretsManager = await startSecretsManagerStub({ [tokenSecretArn]: 'k'.repeat(64) });
});

afterAll(async () => {
  const sizes = {
    signup: statSync(signupBundle).size,
    worker: statSync(workerBundle).size,
    feedback: statSync(feedbackBundle).size,
  };
  console.info('bundle sizes (bytes):', sizes);
  console.table(
    Object.fromEntries(
      Object.entries(measurements).map(([name, m]) => [
        name,
        {
          importMs: m.importMs?.toFixed(0),
          invokeMs: m.invokeMs?.toFixed(0),
          processMs: m.processMs.toFixed(0),
        },
      ]),
    ),
  );
  await Promise.all([emulators?.stop(), secretsManager?.stop()]);
  rmSync(workDir, { recursive: true, force: true });
});

describe('the Lambda sandbox of these tests', () => {
  it('offers the AWS SDK, as the Node.js 22 runtime does, and hides every other package', async () => {
    const taskDir = dirname(signupBundle);

    expect(await canResolveFromTask(taskDir, runtimeModulesDir, '@aws-sdk/client-sqs')).toBe(true);
    expect(await canResolveFromTask(taskDir, runtimeModulesDir, 'zod')).toBe(false);
    expect(await canResolveFromTask(taskDir, runtimeModulesDir, 'react')).toBe(false);
  });
});

describe('synthesized bundles', () => {
  it.each([
    ['signup', () => signupBundle, bundleBudgetBytes.signup],
    ['worker', () => workerBundle, bundleBudgetBytes.worker],
    ['SES feedback function', () => feedbackBundle, bundleBudgetBytes.feedback],
  ])(
    'build the %s as one index.js with a source map, within its size budget',
    (_name, file, budget) => {
      const code = readFileSync(file(), 'utf8');

      expect(statSync(file()).size).toBeLessThanOrEqual(budget);
      expect(statSync(`${file()}.map`).size).toBeGreaterThan(0);
      expect(code).toMatch(/\/\/# sourceMappingURL=index\.js\.map\s*$/);
    },
  );

  it('leave React development builds out of the worker', () => {
    const code = readFileSync(workerBundle, 'utf8');

    expect(code).not.toContain('.development.js');
    expect(code).not.toContain('Each child in a list should have a unique');
  });
});

describe('the signup bundle, run as Lambda runs it', () => {
  it('answers 202 to a valid signup and queues the job, with the key from Secrets Manager', async () => {
    const invocation = await invokeSignup(makeSignupEvent({ email: recipient, name: 'Ada' }));
    measurements['signup POST /signup'] = invocation;

    expect(invocation.error).toBeUndefined();
    expect(invocation.result?.statusCode).toBe(202);
    expect(JSON.parse(String(invocation.result?.body))).toMatchObject({ status: 'queued' });
    expect(queuedMessages()).toHaveLength(1);
    expect(JSON.parse(queuedMessages()[0]?.body ?? '{}')).toMatchObject({
      template: 'verify-email',
      to: { email: recipient },
    });
    expect(secretsManager.requestedSecretIds).toEqual([tokenSecretArn]);
  });

  it('refuses a recipient in a domain reserved for examples, as a deployed stack does', async () => {
    const invocation = await invokeSignup(makeSignupEvent({ email: 'ann@example.com' }));

    expect(invocation.result?.statusCode).toBe(400);
    expect(String(invocation.result?.body)).toContain('a domain reserved for examples');
    expect(queuedMessages()).toHaveLength(1);
  });

  it('shows the link the queued job carries, and confirms it with the page’s POST', async () => {
    const job = JSON.parse(queuedMessages()[0]?.body ?? '{}');
    const confirmUrl = new URL(String(job.props?.confirmUrl));
    const token = confirmUrl.searchParams.get('token') ?? '';

    const shown = await invokeSignup(makeHttpApiEvent({ path: '/confirm', query: { token } }));
    const posted = await invokeSignup(
      makeHttpApiEvent({
        method: 'POST',
        path: '/confirm',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }).toString(),
      }),
    );

    expect(confirmUrl.origin).toBe(appUrl);
    expect([shown.error, posted.error]).toEqual([undefined, undefined]);
    expect([shown.result?.statusCode, posted.result?.statusCode]).toEqual([200, 200]);
    expect(shown.result?.body).toContain(
      '<form method="post" action="https://signup.example.test/confirm">',
    );
    expect(posted.result?.body).toContain('is confirmed');
    expect(queuedMessages().map((message) => JSON.parse(message.body).template)).toEqual([
      'verify-email',
      'welcome',
    ]);
  });
});

describe('the worker bundle, run as Lambda runs it', () => {
  it('sends the queued job through SES v2 and reports no batch item failures', async () => {
    const message = queuedMessages()[0];
    const record = makeSqsRecord(message?.body ?? '', { messageId: message?.messageId });

    const invocation = await invokeWorker(makeSqsEvent([record]));
    measurements['worker SQS batch of 1'] = invocation;
    const email = await waitForEmail(emulators.sesEndpoint, recipient, { timeoutMs: 5_000 });

    expect(invocation.error).toBeUndefined();
    expect(invocation.result).toEqual({ batchItemFailures: [] });
    expect(email?.subject).toMatch(/^\[Signup Mailer\] /);
    expect(email?.body.html).toContain(`${appUrl}/confirm?token=`);
    expect(email?.body.text).toContain(`${appUrl}/confirm?token=`);
  });

  it('sends nothing for a second delivery of the job it sent', async () => {
    const message = queuedMessages()[0];
    const record = makeSqsRecord(message?.body ?? '', { messageId: message?.messageId });

    const invocation = await invokeWorker(makeSqsEvent([record]));
    const emails = await listInboxEmails(emulators.sesEndpoint);

    expect(invocation.error).toBeUndefined();
    expect(invocation.result).toEqual({ batchItemFailures: [] });
    expect(emails.filter((email) => isAddressedTo(email, recipient))).toHaveLength(1);
  });

  it.each(Object.entries(emailTemplates))(
    'renders and sends a job for template %s, with its preview props',
    async (name, template) => {
      // Prepare
      const to = `${name}@${recipientDomain}`;
      const job = makeEmailJob({
        template: name,
        to: { email: to },
        props: template.component.PreviewProps,
      });
      const prepared = template.prepare(job.props);

      // Act
      const invocation = await invokeWorker(makeSqsEvent([makeSqsRecord(JSON.stringify(job))]));
      const email = await waitForEmail(emulators.sesEndpoint, to, { timeoutMs: 5_000 });

      // Assess
      expect(invocation.error).toBeUndefined();
      expect(invocation.result).toEqual({ batchItemFailures: [] });
      expect(email?.subject).toBe(`[Signup Mailer] ${prepared.success ? prepared.subject : ''}`);
      expect(email?.body.html).toMatch(/^<!DOCTYPE html/);
      expect(email?.body.text).toMatch(/\S/);
    },
  );

  it('moves a malformed job to the DLQ with its reason and reports it handled', async () => {
    const record = makeSqsRecord('not json', { messageId: 'malformed-1' });

    const invocation = await invokeWorker(makeSqsEvent([record]));
    const deadLetters = emulators.sqs.inspectQueue('email-jobs-dlq')?.messages.ready ?? [];

    expect(invocation.error).toBeUndefined();
    expect(invocation.result).toEqual({ batchItemFailures: [] });
    expect(deadLetters.map((message) => message.body)).toEqual(['not json']);
    expect(deadLetters[0]?.messageAttributes?.errorReason?.StringValue).toBe('invalid-json');
  });
});

describe('the SES feedback bundle, run as Lambda runs it', () => {
  it('marks the account of a hard-bounced recipient undeliverable, logging no address', async () => {
    const invocation = await invokeFeedback(readSesEvent('bounce-permanent', recipient));
    measurements['ses-feedback permanent bounce'] = invocation;
    const account = await readAccountItem(recipient);

    expect(invocation.error).toBeUndefined();
    expect(account).toMatchObject({
      deliverability: { S: 'undeliverable' },
      undeliverableReason: { S: 'hard-bounce' },
    });
    expect(account?.expiresAt).toBeUndefined();
    expect(invocation.output).toContain('"AccountsMarkedUndeliverable":1');
    expect(invocation.output).toContain('Recipient marked undeliverable');
    expect(invocation.output).not.toContain(recipient);
  });

  it('leaves the worker bundle sending nothing more to that recipient', async () => {
    const job = JSON.parse(queuedMessages()[0]?.body ?? '{}');
    const nextJob = { ...job, id: '0b6f2d4e-9c1a-4e7b-8d3f-5a2c1e0f9b8d' };
    const record = makeSqsRecord(JSON.stringify(nextJob), { messageId: 'after-bounce-1' });

    const invocation = await invokeWorker(makeSqsEvent([record]));
    const deadLetters = emulators.sqs.inspectQueue('email-jobs-dlq')?.messages.ready ?? [];
    const emails = await listInboxEmails(emulators.sesEndpoint);

    expect(invocation.error).toBeUndefined();
    expect(invocation.result).toEqual({ batchItemFailures: [] });
    expect(deadLetters.at(-1)?.messageAttributes?.errorReason?.StringValue).toBe(
      'recipient-undeliverable',
    );
    expect(emails.filter((email) => isAddressedTo(email, recipient))).toHaveLength(1);
  });
});
