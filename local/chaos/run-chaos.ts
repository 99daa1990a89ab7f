import { setTimeout as delay } from 'node:timers/promises';
import { SQSClient } from '@aws-sdk/client-sqs';
import { localClientConfig } from '../emulators/client-config.js';
import { listInboxEmails, toBareAddress } from '../emulators/inbox.js';
import type { FaultSettings } from '../faults/fault-settings.js';
import { createMalformedBodies, sendMalformedMessages } from '../faults/malformed-messages.js';
import { createRandomSource } from '../faults/random-source.js';
import { isRejectedRecipient } from '../faults/ses-faults.js';
import {
  countQueuedMessages,
  describeDeadLetter,
  peekMessages,
} from '../operations/dead-letters.js';
import type { LocalStack } from '../stack.js';
import { type ChaosTally, tallyChaos } from './tally-chaos.js';

/** Options of {@link runChaos}. */
export interface ChaosOptions {
  /** Signups posted to the API. */
  readonly signups: number;
  /**
   * Names the run's addresses, `chaos-<runId>-<n>@example.com`. With the seed it decides who
   * SES rejects, so a run with the same id and seed rejects the same recipients.
   * @default the time in base 36, unique to the run
   */
  readonly runId?: string;
  /** Malformed bodies put straight on the queue, as a fraction of `signups`. */
  readonly malformedFraction: number;
  /** The faults the stack runs with (seed and rejection fraction decide who is rejected). */
  readonly faults: FaultSettings;
  /** Signup requests in flight at once. @default 20 */
  readonly concurrency?: number;
  /** Longest wait for the queue to drain, in ms. */
  readonly drainTimeoutMs: number;
  /** Tells how the run goes, e.g. every few seconds while draining. */
  readonly onProgress?: (message: string) => void;
}

/** A chaos run's figures. */
export interface ChaosResult extends ChaosTally {
  /** Signups the API refused (not 202). */
  readonly refused: number;
  /** From the first signup until the queue was empty, in ms. */
  readonly drainMs: number;
  /** Whether the queue was empty before the timeout. */
  readonly drained: boolean;
}

/**
 * Drives a local stack through a chaos run: posts `signups` signups through the HTTP API
 * (addresses unique to the run), puts malformed bodies on the queue, waits until the queue
 * is empty, then counts the inbox (`GET /store`) per recipient and reads the DLQ.
 *
 * @param stack - a started local stack, with faults
 * @param options - sizes, faults and timeouts
 * @returns the figures; see {@link ChaosTally}
 */
export async function runChaos(stack: LocalStack, options: ChaosOptions): Promise<ChaosResult> {
  const runId = options.runId ?? Date.now().toString(36);
  const client = new SQSClient(localClientConfig(new URL(stack.queueUrl).origin));
  try {
    const startedAt = performance.now();
    const malformedBodies = createMalformedBodies(
      Math.round(options.signups * options.malformedFraction),
      createRandomSource(options.faults.seed),
    );
    const [{ accepted, refused }] = await Promise.all([
      postSignups(stack.apiUrl, runId, options),
      sendMalformedMessages(client, stack.queueUrl, malformedBodies),
    ]);
    options.onProgress?.(`${accepted.size} signups accepted, ${refused} refused`);
    const drained = await waitForEmptyQueue(client, stack.queueUrl, options);
    const drainMs = performance.now() - startedAt;

    const emailCounts = new Map<string, number>();
    for (const email of await listInboxEmails(stack.inboxUrl)) {
      for (const to of email.destination.to) {
        const bare = toBareAddress(to);
        if (bare.includes(`chaos-${runId}-`))
          emailCounts.set(bare, (emailCounts.get(bare) ?? 0) + 1);
      }
    }
    const dlqRows = (await peekMessages(client, stack.dlqUrl, 100_000)).map(describeDeadLetter);
    const rejectedJobIds = new Set(
      [...accepted]
        .filter(([, email]) => isRejectedRecipient(email, options.faults))
        .map(([id]) => id),
    );
    const tally = tallyChaos(
      { accepted, rejectedJobIds, malformedBodies: new Set(malformedBodies) },
      emailCounts,
      dlqRows,
    );
    return { ...tally, refused, drainMs, drained };
  } finally {
    client.destroy();
  }
}

/** Posts the signups, `concurrency` at a time; returns job id → address of the accepted ones. */
async function postSignups(apiUrl: string, runId: string, options: ChaosOptions) {
  const accepted = new Map<string, string>();
  let refused = 0;
  let next = 0;
  const postNext = async (): Promise<void> => {
    for (let index = next++; index < options.signups; index = next++) {
      const email = `chaos-${runId}-${index}@example.com`;
      const response = await fetch(`${apiUrl}/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      const body: unknown = await response.json().catch(() => undefined);
      const id =
        typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
      if (response.status === 202 && typeof id === 'string') accepted.set(id, email);
      else refused += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 20 }, postNext));
  return { accepted, refused };
}

/** Polls the queue's counts until no message is left in it, visible, in flight or delayed. */
async function waitForEmptyQueue(
  client: SQSClient,
  queueUrl: string,
  options: ChaosOptions,
): Promise<boolean> {
  const deadline = Date.now() + options.drainTimeoutMs;
  let lastReport = Date.now();
  for (;;) {
    const left = await countQueuedMessages(client, queueUrl);
    if (left === 0) return true;
    if (Date.now() >= deadline) return false;
    if (Date.now() - lastReport >= 5000) {
      options.onProgress?.(`${left} message(s) left in the queue`);
      lastReport = Date.now();
    }
    await delay(200);
  }
}
