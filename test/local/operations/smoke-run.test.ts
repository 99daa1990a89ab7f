import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DeleteItemCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  ChangeMessageVisibilityBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  formatSmokeReport,
  runSmokeTest,
  type SmokeDependencies,
} from '../../../local/operations/smoke-run.js';

const cloudFormation = mockClient(CloudFormationClient);
const sqs = mockClient(SQSClient);
const dynamoDb = mockClient(DynamoDBClient);

const outputs = {
  ApiUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com',
  QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs',
  DeadLetterQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs-dlq',
  FeedbackDeadLetterQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/feedback-dlq',
  AccountsTableName: 'SignupMailer-dev-AccountsTable',
};
const options = { stack: 'SignupMailer-dev', runId: 'r1', timeoutSeconds: 60, pollSeconds: 5 };
const address = (mailbox: string) => `${mailbox}+smoke-r1@simulator.amazonses.com`;
/** The account key of a simulator mailbox: one per mailbox, whatever the run's `+label`. */
const accountKey = (mailbox: string) => `${mailbox}@simulator.amazonses.com`;

/** A clock that only moves when the smoke test sleeps, and a fetch that answers `status`. */
function makeDependencies(status = 202) {
  let clock = 0;
  const sleep = vi.fn(async (milliseconds: number) => {
    clock += milliseconds;
  });
  const fetch = vi.fn(
    async (_url: string | URL | Request, _init?: RequestInit) =>
      new Response('{"id":"x","status":"queued"}', { status }),
  );
  const dependencies = { fetch, sleep, now: () => clock } as unknown as SmokeDependencies;
  return { dependencies, fetch, sleep };
}

/** The accounts table answers this undeliverable reason for an address (none by default). */
function markAccount(mailbox: string, reason: string) {
  dynamoDb
    .on(GetItemCommand, { Key: { emailKey: { S: accountKey(mailbox) } } })
    .resolves({ Item: { undeliverableReason: { S: reason } } });
}

/** A DLQ holds these messages (read once, then empty). */
function holdInDlq(queueUrl: string, messages: Message[]) {
  sqs
    .on(ReceiveMessageCommand, { QueueUrl: queueUrl })
    .resolvesOnce({ Messages: messages })
    .resolves({});
}

const queueCounts = (count: string) => ({
  Attributes: {
    ApproximateNumberOfMessages: count,
    ApproximateNumberOfMessagesNotVisible: '0',
    ApproximateNumberOfMessagesDelayed: '0',
  },
});

/** A DescribeStacks answer for a stack with these outputs. */
function describeStackWith(stackOutputs: Record<string, string>) {
  return {
    Stacks: [
      {
        StackName: 'SignupMailer-dev',
        CreationTime: new Date(0),
        StackStatus: 'CREATE_COMPLETE' as const,
        Outputs: Object.entries(stackOutputs).map(([OutputKey, OutputValue]) => ({
          OutputKey,
          OutputValue,
        })),
      },
    ],
  };
}

beforeEach(() => {
  cloudFormation.reset();
  sqs.reset();
  dynamoDb.reset();
  cloudFormation.on(DescribeStacksCommand).resolves(describeStackWith(outputs));
  sqs.on(GetQueueAttributesCommand).resolvesOnce(queueCounts('3')).resolves(queueCounts('0'));
  sqs.on(ReceiveMessageCommand).resolves({});
  sqs.on(ChangeMessageVisibilityBatchCommand).resolves({});
  dynamoDb.on(GetItemCommand).resolves({ Item: { emailKey: { S: 'pending' } } });
  dynamoDb.on(DeleteItemCommand).resolves({});
});

describe('runSmokeTest', () => {
  it('passes when success is delivered, bounce bounced and complaint complained', async () => {
    // Prepare
    markAccount('bounce', 'hard-bounce');
    markAccount('complaint', 'complaint');
    const { dependencies, fetch } = makeDependencies();

    // Act
    const report = await runSmokeTest(options, dependencies);

    // Assess
    expect(report.passed).toBe(true);
    expect(report.results.map(({ address, outcome }) => [address, outcome])).toEqual([
      [address('success'), 'delivered'],
      [address('bounce'), 'bounced'],
      [address('complaint'), 'complained'],
    ]);
    expect(
      fetch.mock.calls.map(([url, init]) => [
        url,
        init?.method,
        JSON.parse(String(init?.body)).email,
      ]),
    ).toEqual([
      [`${outputs.ApiUrl}/signup`, 'POST', address('success')],
      [`${outputs.ApiUrl}/signup`, 'POST', address('bounce')],
      [`${outputs.ApiUrl}/signup`, 'POST', address('complaint')],
    ]);
    expect(report.queueDrained).toBe(true);
    expect(report.emailDeadLetters).toEqual({
      url: outputs.DeadLetterQueueUrl,
      total: 0,
      fromThisRun: 0,
    });
  });

  it("deletes the three simulator mailboxes' accounts before it signs up, so a rerun is not held back", async () => {
    // Prepare: the last run left bounce@ marked, which would hold this run's bounce+r1@ back.
    const order: string[] = [];
    dynamoDb
      .on(DeleteItemCommand)
      .callsFake(async (input: { Key: { emailKey: { S: string } } }) => {
        order.push(`delete ${input.Key.emailKey.S}`);
        return {};
      });
    const { dependencies, fetch } = makeDependencies();
    fetch.mockImplementation(async (_url, init) => {
      order.push(`signup ${JSON.parse(String(init?.body)).email}`);
      return new Response('{}', { status: 202 });
    });

    // Act
    const report = await runSmokeTest(options, dependencies);

    // Assess
    const mailboxes = ['success', 'bounce', 'complaint'];
    expect(order).toEqual([
      ...mailboxes.map((mailbox) => `delete ${accountKey(mailbox)}`),
      ...mailboxes.map((mailbox) => `signup ${address(mailbox)}`),
    ]);
    expect(dynamoDb).toHaveReceivedCommandWith(DeleteItemCommand, {
      TableName: outputs.AccountsTableName,
    });
    expect(report.clearedAccounts).toEqual(mailboxes.map(accountKey));
    expect(formatSmokeReport(report)).toContain(
      `Deleted first, so no cooldown or mark of a last run holds this one back: the accounts of ${mailboxes.map(accountKey).join(', ')}`,
    );
  });

  it('says a 429 is the per-client signup limit', async () => {
    // Prepare
    const { dependencies } = makeDependencies(429);

    // Act
    const report = await runSmokeTest(options, dependencies);

    // Assess
    expect(report.results[0]).toMatchObject({
      outcome: 'refused',
      detail: "signup answered 429 (this client's signups per window: run it later)",
    });
  });

  it('waits until the queue is empty on two looks in a row before it judges', async () => {
    // Prepare
    markAccount('bounce', 'hard-bounce');
    markAccount('complaint', 'complaint');
    sqs
      .on(GetQueueAttributesCommand, { QueueUrl: outputs.QueueUrl })
      .resolvesOnce(queueCounts('2'))
      .resolvesOnce(queueCounts('0'))
      .resolvesOnce(queueCounts('1'))
      .resolves(queueCounts('0'));
    const { dependencies } = makeDependencies();

    // Act
    await runSmokeTest(options, dependencies);

    // Assess
    expect(sqs).toHaveReceivedCommandTimes(GetQueueAttributesCommand, 5);
  });

  it('reads the feedback on the accounts until the bounce and complaint arrive, within the timeout', async () => {
    // Prepare: the marks appear on the third look.
    let looks = 0;
    dynamoDb.on(GetItemCommand).callsFake(async (input: { Key: { emailKey: { S: string } } }) => {
      looks += 1;
      const arrived = looks > 6;
      const key = input.Key.emailKey.S;
      if (arrived && key === accountKey('bounce'))
        return { Item: { undeliverableReason: { S: 'hard-bounce' } } };
      if (arrived && key === accountKey('complaint'))
        return { Item: { undeliverableReason: { S: 'complaint' } } };
      return {};
    });
    const { dependencies } = makeDependencies();

    // Act
    const report = await runSmokeTest(options, dependencies);

    // Assess
    expect(report.passed).toBe(true);
    expect(looks).toBe(9);
  });

  it('fails, without waiting past the timeout, when no bounce or complaint is recorded', async () => {
    // Prepare
    const { dependencies, sleep } = makeDependencies();

    // Act
    const report = await runSmokeTest(options, dependencies);

    // Assess
    expect(report.passed).toBe(false);
    expect(report.results.map(({ outcome, detail }) => [outcome, detail])).toEqual([
      ['delivered', 'sent; no bounce or complaint recorded'],
      ['no feedback', 'no bounce recorded within 60 s'],
      ['no feedback', 'no complaint recorded within 60 s'],
    ]);
    expect(sleep.mock.calls.reduce((total, [ms]) => total + ms, 0)).toBe(60_000);
  });

  it("reports this run's jobs in the email DLQ with their reason, and counts the others", async () => {
    // Prepare: the sandbox refusal, as the worker dead-letters it.
    const refused = (mailbox: string): Message => ({
      MessageId: `m-${mailbox}`,
      ReceiptHandle: `h-${mailbox}`,
      Body: JSON.stringify({ to: { email: address(mailbox) } }),
      MessageAttributes: {
        errorName: { DataType: 'String', StringValue: 'AccessDeniedException' },
        errorReason: { DataType: 'String', StringValue: 'missing-permission' },
        errorMessage: {
          DataType: 'String',
          StringValue: 'The worker’s role may not ses:SendEmail',
        },
      },
    });
    const older: Message = {
      MessageId: 'old',
      ReceiptHandle: 'h-old',
      Body: '{"to":{"email":"x@y.z"}}',
    };
    holdInDlq(outputs.DeadLetterQueueUrl, [
      older,
      ...['success', 'bounce', 'complaint'].map(refused),
    ]);
    const { dependencies } = makeDependencies();

    // Act
    const report = await runSmokeTest(options, dependencies);

    // Assess
    expect(report.passed).toBe(false);
    expect(report.results.map(({ outcome }) => outcome)).toEqual([
      'dead-lettered',
      'dead-lettered',
      'dead-lettered',
    ]);
    expect(report.results[0]?.detail).toBe(
      'missing-permission: AccessDeniedException: The worker’s role may not ses:SendEmail',
    );
    expect(report.emailDeadLetters).toMatchObject({ total: 4, fromThisRun: 3 });
    expect(sqs).toHaveReceivedCommandWith(ChangeMessageVisibilityBatchCommand, {
      QueueUrl: outputs.DeadLetterQueueUrl,
    });
  });

  it('counts the feedback DLQ, and fails an address the API refused', async () => {
    // Prepare
    holdInDlq(outputs.FeedbackDeadLetterQueueUrl, [
      {
        MessageId: 'e',
        ReceiptHandle: 'h',
        Body: `{"detail":{"mail":{"destination":["${address('bounce')}"]}}}`,
      },
    ]);
    const { dependencies } = makeDependencies(503);

    // Act
    const report = await runSmokeTest(options, dependencies);

    // Assess
    expect(report.results.map(({ outcome, detail }) => [outcome, detail])).toEqual([
      ['refused', 'signup answered 503'],
      ['refused', 'signup answered 503'],
      ['refused', 'signup answered 503'],
    ]);
    expect(report.feedbackDeadLetters).toMatchObject({ total: 1, fromThisRun: 1 });
  });

  it('names the output a stack deployed from an older version lacks', async () => {
    // Prepare
    cloudFormation
      .on(DescribeStacksCommand)
      .resolves(describeStackWith({ ApiUrl: outputs.ApiUrl }));
    const { dependencies, fetch } = makeDependencies();

    // Act
    const act = runSmokeTest(options, dependencies);

    // Assess
    await expect(act).rejects.toThrow('Stack SignupMailer-dev has no output QueueUrl');
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('formatSmokeReport', () => {
  it('prints one line per address, the queue, both DLQs and the verdict', async () => {
    // Prepare
    const { dependencies } = makeDependencies();
    const report = await runSmokeTest(options, dependencies);

    // Act
    const text = formatSmokeReport(report);

    // Assess
    expect(text).toContain('Smoke test of SignupMailer-dev (run r1');
    expect(text).toMatch(/^ok {3}success\+smoke-r1@simulator\.amazonses\.com {4}delivered/m);
    expect(text).toMatch(/^FAIL bounce\+smoke-r1@simulator\.amazonses\.com {5}no feedback/m);
    expect(text).toContain('Email DLQ: 0 message(s), 0 from this run');
    expect(text).toContain('Feedback DLQ: 0 message(s), 0 from this run');
    expect(text.trimEnd().endsWith('FAIL')).toBe(true);
  });
});
