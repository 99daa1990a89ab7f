import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runOpenLoop } from '../../bench/load/http-load.js';
import { quantile } from '../../bench/stats.js';

let server: Server | undefined;

/** A server that answers one request at a time, the first after `stallMs`, the rest at once. */
async function startSerialServer(stallMs: number): Promise<string> {
  let queue = Promise.resolve();
  let served = 0;
  server = createServer((request, response) => {
    request.resume();
    const delayMs = served === 0 ? stallMs : 0;
    served += 1;
    queue = queue.then(
      () =>
        new Promise((resolve) =>
          setTimeout(() => {
            response.writeHead(202).end();
            resolve();
          }, delayMs),
        ),
    );
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/signup`;
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe('the open-loop load generator', () => {
  it('counts a stall of the server in every request due during it, from when each was due', async () => {
    // Prepare
    const url = await startSerialServer(300);

    // Act
    const samples = await runOpenLoop({
      url,
      ratePerSecond: 100,
      requests: 20,
      emailPrefix: 'load-',
      timeoutMs: 5_000,
    });

    // Assess
    const latencies = samples.map(([scheduledAt, completedAt]) => completedAt - scheduledAt);
    expect(samples.map(([, , status]) => status)).toEqual(Array(20).fill(202));
    // Requests due at 0–190 ms all wait for the 300 ms stall: about 300 − 10·i ms each.
    expect(quantile(latencies, 0.5)).toBeGreaterThan(150);
    expect(Math.min(...latencies)).toBeGreaterThan(80);
  });
});
