import { describe, expect, it } from 'vitest';
import { noFaults } from '../../../local/faults/fault-settings.js';
import { createRandomSource, drawForKey } from '../../../local/faults/random-source.js';
import {
  createSesErrorResponse,
  decideSesFault,
  isRejectedRecipient,
  readRecipients,
} from '../../../local/faults/ses-faults.js';

const addresses = Array.from({ length: 2000 }, (_, index) => `person${index}@example.com`);

describe('isRejectedRecipient', () => {
  it('always rejects an address whose local part contains +reject', () => {
    // Act & Assess
    expect(isRejectedRecipient('Zoe <zoe+reject@example.com>', noFaults)).toBe(true);
    expect(isRejectedRecipient('zoe@reject.example.com', noFaults)).toBe(false);
  });

  it('rejects about the configured fraction of addresses, the same ones every time', () => {
    // Prepare
    const faults = { ...noFaults, sesReject: 0.1, seed: 3 };

    // Act
    const rejected = addresses.filter((address) => isRejectedRecipient(address, faults));
    const again = addresses.filter((address) => isRejectedRecipient(address, faults));

    // Assess
    expect(rejected.length).toBeGreaterThan(140);
    expect(rejected.length).toBeLessThan(260);
    expect(again).toEqual(rejected);
  });
});

describe('decideSesFault', () => {
  it('makes the same decisions for the same seed', () => {
    // Prepare
    const faults = { ...noFaults, sesThrottle: 0.3, sesServerError: 0.2, seed: 9 };
    const decide = (seed: number) => {
      const random = createRandomSource(seed);
      return addresses.slice(0, 50).map((address) => decideSesFault([address], faults, random));
    };

    // Act
    const first = decide(9);
    const second = decide(9);
    const other = decide(10);

    // Assess
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('throttles and fails about the configured fractions of calls', () => {
    // Prepare
    const faults = { ...noFaults, sesThrottle: 0.1, sesServerError: 0.05 };
    const random = createRandomSource(1);

    // Act
    const decisions = addresses.map((address) => decideSesFault([address], faults, random));

    // Assess
    const count = (fault: string) =>
      decisions.filter((decision) => decision.fault === fault).length;
    expect(count('throttle')).toBeGreaterThan(150);
    expect(count('throttle')).toBeLessThan(250);
    expect(count('server-error')).toBeGreaterThan(60);
    expect(count('server-error')).toBeLessThan(140);
  });

  it('adds the latency to the slow fraction of calls only', () => {
    // Prepare
    const faults = { ...noFaults, sesSlow: 0.5, sesLatencyMs: 200 };
    const random = createRandomSource(2);

    // Act
    const latencies = addresses.map(
      (address) => decideSesFault([address], faults, random).latencyMs,
    );

    // Assess
    expect(new Set(latencies)).toEqual(new Set([0, 200]));
  });
});

describe('readRecipients', () => {
  it('reads To, Cc and Bcc of a SendEmail body and ignores what is not JSON', () => {
    // Prepare
    const body = Buffer.from(
      JSON.stringify({
        Destination: {
          ToAddresses: ['a@example.com'],
          CcAddresses: ['b@example.com'],
          BccAddresses: [7],
        },
      }),
    );

    // Act & Assess
    expect(readRecipients(body)).toEqual(['a@example.com', 'b@example.com']);
    expect(readRecipients(Buffer.from('{'))).toEqual([]);
  });
});

describe('createSesErrorResponse', () => {
  it('names the error in x-amzn-ErrorType and puts a message in the JSON body', () => {
    // Act
    const response = createSesErrorResponse('reject', ['zoe@example.com']);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.headers['x-amzn-errortype']).toBe('MessageRejected');
    expect(JSON.parse(response.body.toString('utf8')).message).toContain('zoe@example.com');
  });
});

describe('drawForKey', () => {
  it('draws a number in [0, 1) that depends on the seed and the key only', () => {
    // Act
    const draw = drawForKey(1, 'a@example.com');

    // Assess
    expect(draw).toBeGreaterThanOrEqual(0);
    expect(draw).toBeLessThan(1);
    expect(drawForKey(1, 'a@example.com')).toBe(draw);
    expect(drawForKey(2, 'a@example.com')).not.toBe(draw);
  });
});
