import { SESv2Client, SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../local/emulators/client-config.js';
import { type Emulators, startEmulators } from '../../../local/emulators/emulators.js';
import { listInboxEmails } from '../../../local/emulators/inbox.js';
import { noFaults } from '../../../local/faults/fault-settings.js';
import type { ForwardingProxy } from '../../../local/faults/forwarding-proxy.js';
import { createRandomSource } from '../../../local/faults/random-source.js';
import { type SesCallOutcome, startSesFaultProxy } from '../../../local/faults/ses-fault-proxy.js';

let emulators: Emulators;
const proxies: ForwardingProxy[] = [];

beforeAll(async () => {
  emulators = await startEmulators({ sqsPort: 0, sesPort: 0, region: 'us-east-1' });
});

afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.stop()));
  await emulators.stop();
});

/** An SES client through a fresh proxy; SDK retries off by default, so each send is one call. */
async function createClient(
  faults: Partial<typeof noFaults>,
  outcomes: SesCallOutcome[] = [],
  maxAttempts = 1,
) {
  const proxy = await startSesFaultProxy({
    target: emulators.sesEndpoint,
    faults: { ...noFaults, ...faults },
    random: createRandomSource(7),
    onSendEmail: (outcome) => outcomes.push(outcome),
  });
  proxies.push(proxy);
  return new SESv2Client({ ...localClientConfig(proxy.url), maxAttempts });
}

const createSendEmailInput = (to: string): SendEmailCommandInput => ({
  FromEmailAddress: 'no-reply@signup-mailer.local',
  Destination: { ToAddresses: [to] },
  Content: {
    Simple: { Subject: { Data: 'Hello' }, Body: { Text: { Data: 'Hi' } } },
  },
});

async function captureError(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('The send did not fail');
}

describe('the SES fault proxy', () => {
  it('makes the SDK throw TooManyRequestsException (429), which it retries, when it throttles', async () => {
    // Prepare
    const outcomes: SesCallOutcome[] = [];
    const client = await createClient({ sesThrottle: 1 }, outcomes, 2);

    // Act
    const error = await captureError(
      client.send(new SendEmailCommand(createSendEmailInput('ann@example.com'))),
    );

    // Assess
    expect(error.name).toBe('TooManyRequestsException');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 429 });
    expect(outcomes).toEqual(['throttle', 'throttle']);
  });

  it('makes the SDK throw InternalFailure (500), a server fault, for a 5xx', async () => {
    // Prepare
    const client = await createClient({ sesServerError: 1 });

    // Act
    const error = await captureError(
      client.send(new SendEmailCommand(createSendEmailInput('ann@example.com'))),
    );

    // Assess
    expect(error.name).toBe('InternalFailure');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 500 });
    expect(error.$fault).toBe('server');
  });

  it('makes the SDK throw MessageRejected (400) for a +reject recipient, and stores nothing', async () => {
    // Prepare
    const client = await createClient({});
    const recipient = 'zoe+reject@example.com';

    // Act
    const error = await captureError(
      client.send(new SendEmailCommand(createSendEmailInput(recipient))),
    );

    // Assess
    expect(error.name).toBe('MessageRejected');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 400 });
    expect(error.$fault).toBe('client');
    expect(String(error.message)).toContain(recipient);
    const stored = await listInboxEmails(emulators.sesEndpoint);
    expect(stored.some((email) => email.destination.to.includes(recipient))).toBe(false);
  });

  it('passes a send without faults through to the emulator and reports it accepted', async () => {
    // Prepare
    const outcomes: SesCallOutcome[] = [];
    const client = await createClient({}, outcomes);

    // Act
    const output = await client.send(
      new SendEmailCommand(createSendEmailInput('pass@example.com')),
    );

    // Assess
    const stored = await listInboxEmails(emulators.sesEndpoint);
    expect(stored.find((email) => email.messageId === output.MessageId)).toBeDefined();
    expect(outcomes).toEqual(['accepted']);
  });

  it('adds the configured latency to a slow call', async () => {
    // Prepare
    const client = await createClient({ sesSlow: 1, sesLatencyMs: 150 });
    const startedAt = performance.now();

    // Act
    await client.send(new SendEmailCommand(createSendEmailInput('slow@example.com')));

    // Assess
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(150);
  });
});
