import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { runInChild } from '../child-process.js';

/** What the load generator is asked to do. */
export interface OpenLoopPlan {
  /** The URL to `POST` to, e.g. `http://localhost:3000/signup`. */
  readonly url: string;
  /** Requests per second, spaced evenly. */
  readonly ratePerSecond: number;
  /** How many requests in all. */
  readonly requests: number;
  /** Recipients are `<emailPrefix><index>@example.com`, so each request has its own address. */
  readonly emailPrefix: string;
  /** Gives up on a request after this long, in ms; it counts as an error. */
  readonly timeoutMs: number;
}

/**
 * One request: `[scheduledAt, completedAt, status]`, times in ms on the shared clock
 * ({@link nowMs}); status 0 for a network error or a timeout.
 */
export type RequestSample = readonly [scheduledAt: number, completedAt: number, status: number];

/**
 * Milliseconds since the epoch with sub-millisecond resolution, from the monotonic clock.
 * Every bench process uses it, so times taken in different processes compare (to well under
 * a millisecond on one machine).
 */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Sends the plan's requests open-loop: request `i` is due at `start + i / rate`, whether or
 * not earlier ones have been answered, and its latency runs from when it was due, not from
 * when it left. A server that stalls therefore shows its stall in every request scheduled
 * during it, instead of slowing the generator down and hiding it ("coordinated omission",
 * Gil Tene; the correction wrk2 makes).
 *
 * @param plan - URL, rate, count, addresses, timeout
 * @returns one sample per request, in schedule order
 */
export async function runOpenLoop(plan: OpenLoopPlan): Promise<RequestSample[]> {
  // Connections are not a limit of the client: an overloaded server gets more of them, as from many users.
  const agent = new Agent({ keepAlive: true, maxSockets: 2048 });
  const intervalMs = 1000 / plan.ratePerSecond;
  const startAt = nowMs() + 20;
  const samples: Promise<RequestSample>[] = [];
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = nowMs();
      while (samples.length < plan.requests && startAt + samples.length * intervalMs <= now) {
        const index = samples.length;
        samples.push(send(plan, agent, index, startAt + index * intervalMs));
      }
      if (samples.length >= plan.requests) resolve();
      else setTimeout(tick, Math.max(0, startAt + samples.length * intervalMs - nowMs()));
    };
    tick();
  });
  const results = await Promise.all(samples);
  agent.destroy();
  return results;
}

/** A closed-loop plan: as fast as the server answers, with a fixed number in flight. */
export interface ClosedLoopPlan extends Omit<OpenLoopPlan, 'ratePerSecond'> {
  /** Requests in flight at once. */
  readonly concurrency: number;
}

/**
 * Sends the plan's requests closed-loop: `concurrency` clients, each sending its next
 * request when the last is answered. For throughput ("how fast can it take them"), not
 * for latency: a slow server slows the clients down. Each sample's `scheduledAt` is when
 * the request left.
 *
 * @param plan - URL, count, addresses, timeout, concurrency
 * @returns one sample per request, in index order
 */
export async function runClosedLoop(plan: ClosedLoopPlan): Promise<RequestSample[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: plan.concurrency });
  const samples: RequestSample[] = [];
  let next = 0;
  const client = async () => {
    for (let index = next++; index < plan.requests; index = next++) {
      samples[index] = await send(plan, agent, index, nowMs());
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, client));
  agent.destroy();
  return samples;
}

function send(
  plan: Omit<OpenLoopPlan, 'ratePerSecond'>,
  agent: Agent,
  index: number,
  scheduledAt: number,
): Promise<RequestSample> {
  const body = JSON.stringify({ email: `${plan.emailPrefix}${index}@example.com`, name: 'Bench' });
  return new Promise((resolve) => {
    const settle = (status: number) => resolve([scheduledAt, nowMs(), status]);
    const outgoing = request(plan.url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      timeout: plan.timeoutMs,
    });
    outgoing.on('response', (response) => {
      response.resume();
      response.on('end', () => settle(response.statusCode ?? 0));
      response.on('error', () => settle(0));
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
    outgoing.on('error', () => settle(0));
    outgoing.end(body);
  });
}

/** A plan for the generator: open-loop at a rate, or closed-loop at a concurrency. */
export type LoadPlan =
  | ({ readonly mode: 'open' } & OpenLoopPlan)
  | ({ readonly mode: 'closed' } & ClosedLoopPlan);

/**
 * Runs a plan in the generator's own process ({@link loadProcessEntry}).
 *
 * @param plan - the plan
 * @returns one sample per request
 */
export function runLoad(plan: LoadPlan): Promise<RequestSample[]> {
  return runInChild<LoadPlan, RequestSample[]>(loadProcessEntry, plan);
}

/** The generator's process entry. */
export const loadProcessEntry = fileURLToPath(new URL('./load-process.ts', import.meta.url));
