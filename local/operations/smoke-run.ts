import { DeleteItemCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { type Message, SQSClient } from '@aws-sdk/client-sqs';
import {
  deliverabilityAttributes,
  toAccountKey,
} from '../../functions/commons/account-deliverability.js';
import { countQueuedMessages, describeDeadLetter, peekMessages } from './dead-letters.js';
import { readStackOutputs, requireOutput } from './queue-target.js';

/**
 * The SES mailbox simulator's scenarios the smoke test signs up, each with the outcome it
 * must end in. The simulator accepts mail in the sandbox too, and a `+label` on its addresses
 * (SES Developer Guide, "Using the mailbox simulator"): each run uses its own, to find its jobs
 * in the DLQ. A label makes no new account (one per mailbox, `toAccountKey`), so each run first
 * deletes the three mailboxes' accounts: the last run's cooldown and bounce mark go with them.
 */
export const simulatorScenarios = [
  { mailbox: 'success', expected: 'delivered' },
  { mailbox: 'bounce', expected: 'bounced' },
  { mailbox: 'complaint', expected: 'complained' },
] as const;

/** What became of one signed-up address. */
export type SmokeOutcome =
  | 'delivered' // sent; no bounce or complaint recorded
  | 'bounced' // its account marked undeliverable: hard-bounce
  | 'complained' // its account marked undeliverable: complaint
  | 'refused' // the API did not answer 202
  | 'dead-lettered' // its job is in the email DLQ
  | 'no feedback' // sent, but the bounce or complaint it must cause was not recorded in time
  | 'still queued'; // the queue did not drain in time

/** One address's line of the report. */
export interface SmokeResult {
  readonly address: string;
  readonly expected: SmokeOutcome;
  readonly outcome: SmokeOutcome;
  /** Why, in a few words: the API's status, the DLQ reason, the account's mark. */
  readonly detail: string;
}

/** Messages in one DLQ: all of them, and those of this run. */
export interface DeadLetterCount {
  readonly url: string;
  readonly total: number;
  readonly fromThisRun: number;
}

/** The smoke test's report; `passed` when every address ended as expected. */
export interface SmokeReport {
  readonly stack: string;
  readonly runId: string;
  readonly apiUrl: string;
  /** The accounts deleted before the signups (their keys), so the run starts afresh. */
  readonly clearedAccounts: readonly string[];
  readonly results: readonly SmokeResult[];
  readonly queueDrained: boolean;
  readonly emailDeadLetters: DeadLetterCount;
  readonly feedbackDeadLetters: DeadLetterCount;
  readonly passed: boolean;
}

/** What to test and how long to wait. */
export interface SmokeOptions {
  /** The deployed stack, e.g. `SignupMailer-dev`. */
  readonly stack: string;
  /** Its region; the SDK's default chain when unset. */
  readonly region?: string | undefined;
  /** Label of this run's addresses (`success+smoke-<runId>@…`). */
  readonly runId: string;
  /** Longest wait for the queue to drain and the feedback to arrive, in seconds. */
  readonly timeoutSeconds: number;
  /** Time between two looks at the queue and the accounts, in seconds. */
  readonly pollSeconds: number;
}

/** The outside world, replaceable in tests. */
export interface SmokeDependencies {
  readonly fetch: typeof fetch;
  readonly sleep: (milliseconds: number) => Promise<void>;
  readonly now: () => number;
}

/**
 * Smoke-tests a deployed stack end to end: deletes the mailbox simulator's success, bounce and
 * complaint accounts, signs up those addresses over the API, waits until the email job queue is empty (twice in a
 * row, its counts being approximate) and the bounce and complaint are recorded on their
 * accounts by the SES feedback path, then reads both DLQs.
 *
 * @param options - the stack, this run's label and the waits
 * @param dependencies - fetch, sleep and clock
 * @returns the report; it does not throw for a failed check, only for an AWS call that fails
 * @throws Error when the stack lacks an output (deployed from an older version) or a call fails
 */
export async function runSmokeTest(
  options: SmokeOptions,
  dependencies: SmokeDependencies,
): Promise<SmokeReport> {
  const outputs = await readStackOutputs(options.stack, options.region);
  const output = (name: string) => requireOutput(outputs, name, options.stack);
  const [apiUrl, queueUrl, dlqUrl, feedbackDlqUrl, accountsTable] = [
    'ApiUrl',
    'QueueUrl',
    'DeadLetterQueueUrl',
    'FeedbackDeadLetterQueueUrl',
    'AccountsTableName',
  ].map(output) as [string, string, string, string, string];
  const clientConfig = options.region ? { region: options.region } : {};
  const sqs = new SQSClient(clientConfig);
  const dynamoDb = new DynamoDBClient(clientConfig);
  const deadline = dependencies.now() + options.timeoutSeconds * 1000;
  const pause = () => dependencies.sleep(options.pollSeconds * 1000);
  const scenarios = simulatorScenarios.map(({ mailbox, expected }) => ({
    address: `${mailbox}+smoke-${options.runId}@simulator.amazonses.com`,
    expected,
  }));
  const clearedAccounts = scenarios.map(({ address }) => toAccountKey(address));
  try {
    for (const emailKey of clearedAccounts) {
      await dynamoDb.send(
        new DeleteItemCommand({ TableName: accountsTable, Key: { emailKey: { S: emailKey } } }),
      );
    }
    const signups = await Promise.all(
      scenarios.map(async ({ address, expected }) => {
        const response = await dependencies.fetch(`${apiUrl}/signup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ email: address, name: 'Smoke Test' }),
        });
        return { address, expected, status: response.status };
      }),
    );

    let queueDrained = false;
    for (let emptyLooks = 0; emptyLooks < 2 && dependencies.now() < deadline; ) {
      await pause();
      emptyLooks = (await countQueuedMessages(sqs, queueUrl)) === 0 ? emptyLooks + 1 : 0;
      queueDrained = emptyLooks === 2;
    }

    const marks = new Map<string, string | undefined>();
    const readMarks = async () => {
      for (const { address } of signups)
        marks.set(address, await readMark(dynamoDb, accountsTable, address));
    };
    const feedbackArrived = () =>
      signups.every(
        ({ address, expected }) => expected === 'delivered' || marks.get(address) !== undefined,
      );
    await readMarks();
    while (!feedbackArrived() && dependencies.now() < deadline) {
      await pause();
      await readMarks();
    }

    const [emailDeadLetters, feedbackDeadLetters] = (await Promise.all(
      [dlqUrl, feedbackDlqUrl].map((url) => peekMessages(sqs, url)),
    )) as [Message[], Message[]];
    const ofThisRun = (messages: Message[]) =>
      messages.filter((message) => message.Body?.includes(`smoke-${options.runId}@`));

    const thisRunsDeadLetters = ofThisRun(emailDeadLetters);
    const results = signups.map(({ address, expected, status }) => ({
      address,
      expected,
      ...judge({
        expected,
        status,
        mark: marks.get(address),
        deadLetter: thisRunsDeadLetters.find((message) => message.Body?.includes(address)),
        queueDrained,
        timeoutSeconds: options.timeoutSeconds,
      }),
    }));
    return {
      stack: options.stack,
      runId: options.runId,
      apiUrl,
      clearedAccounts,
      results,
      queueDrained,
      emailDeadLetters: {
        url: dlqUrl,
        total: emailDeadLetters.length,
        fromThisRun: ofThisRun(emailDeadLetters).length,
      },
      feedbackDeadLetters: {
        url: feedbackDlqUrl,
        total: feedbackDeadLetters.length,
        fromThisRun: ofThisRun(feedbackDeadLetters).length,
      },
      passed: results.every((result) => result.outcome === result.expected),
    };
  } finally {
    sqs.destroy();
    dynamoDb.destroy();
  }
}

/** What one address's evidence says became of it, and why. */
function judge(evidence: {
  expected: SmokeOutcome;
  status: number;
  mark: string | undefined;
  deadLetter: Message | undefined;
  queueDrained: boolean;
  timeoutSeconds: number;
}): { outcome: SmokeOutcome; detail: string } {
  const { expected, mark, timeoutSeconds } = evidence;
  if (evidence.status !== 202) {
    const limited =
      evidence.status === 429 ? " (this client's signups per window: run it later)" : '';
    return { outcome: 'refused', detail: `signup answered ${evidence.status}${limited}` };
  }
  if (evidence.deadLetter !== undefined) {
    const { errorReason, reason } = describeDeadLetter(evidence.deadLetter);
    return { outcome: 'dead-lettered', detail: errorReason ? `${errorReason}: ${reason}` : reason };
  }
  if (mark === 'hard-bounce' || mark === 'complaint') {
    const outcome = mark === 'hard-bounce' ? 'bounced' : 'complained';
    return { outcome, detail: `account marked undeliverable: ${mark}` };
  }
  if (!evidence.queueDrained) {
    return { outcome: 'still queued', detail: `the queue was not empty after ${timeoutSeconds} s` };
  }
  if (expected === 'delivered') {
    return { outcome: 'delivered', detail: 'sent; no bounce or complaint recorded' };
  }
  const feedback = expected === 'bounced' ? 'bounce' : 'complaint';
  return { outcome: 'no feedback', detail: `no ${feedback} recorded within ${timeoutSeconds} s` };
}

/** Why an address's account is undeliverable (`hard-bounce`, `complaint`), if it is. */
async function readMark(dynamoDb: DynamoDBClient, tableName: string, address: string) {
  const { Item } = await dynamoDb.send(
    new GetItemCommand({
      TableName: tableName,
      Key: { emailKey: { S: toAccountKey(address) } },
      ConsistentRead: true,
      ProjectionExpression: '#reason',
      ExpressionAttributeNames: { '#reason': deliverabilityAttributes.reason },
    }),
  );
  return Item?.[deliverabilityAttributes.reason]?.S;
}

/**
 * The report as the operator reads it: one line per address, the queue and both DLQs, and
 * PASS or FAIL.
 */
export function formatSmokeReport(report: SmokeReport): string {
  const width = Math.max(...report.results.map((result) => result.address.length));
  const lines = [
    `Smoke test of ${report.stack} (run ${report.runId}, API ${report.apiUrl})`,
    `Deleted first, so no cooldown or mark of a last run holds this one back: the accounts of ${report.clearedAccounts.join(', ')}`,
    '',
  ];
  for (const { address, expected, outcome, detail } of report.results) {
    const verdict = outcome === expected ? 'ok  ' : 'FAIL';
    lines.push(`${verdict} ${address.padEnd(width)}  ${outcome.padEnd(13)} ${detail}`);
  }
  const dlq = (name: string, count: DeadLetterCount) =>
    `${name}: ${count.total} message(s), ${count.fromThisRun} from this run (${count.url})`;
  lines.push(
    '',
    `Email job queue: ${report.queueDrained ? 'empty' : 'NOT empty at the deadline'}`,
    dlq('Email DLQ', report.emailDeadLetters),
    dlq('Feedback DLQ', report.feedbackDeadLetters),
    '',
    report.passed ? 'PASS' : 'FAIL',
  );
  if (report.emailDeadLetters.total + report.feedbackDeadLetters.total > 0) {
    lines.push(`npm run dlq -- --stack ${report.stack} lists the email DLQ with reasons.`);
  }
  return lines.join('\n');
}
