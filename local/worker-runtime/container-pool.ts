import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { setPriority } from 'node:os';
import type { Context, SQSEvent } from 'aws-lambda';
import type { LambdaFunctionSettings, LambdaInvocation } from '../lambda/lambda-context.js';

/** Parent → container: run the handler once (see `container-entry.ts`). */
export interface InvokeMessage {
  readonly type: 'invoke';
  readonly invocationId: string;
  readonly event: SQSEvent;
  readonly settings: LambdaFunctionSettings;
  /** The container builds its `Context` from these (`createLambdaContext`). */
  readonly invocation: Required<LambdaInvocation>;
}

/** Container → parent. */
export type ContainerMessage =
  /** The handler module is loaded: the cold start is over. */
  | { readonly type: 'ready' }
  /** The handler resolved; `response` is what it resolved to. */
  | { readonly type: 'result'; readonly invocationId: string; readonly response: unknown }
  /** The handler threw or rejected. */
  | { readonly type: 'error'; readonly invocationId: string; readonly error: string };

/** Why a container died; `'timeout'` and `'stop'` are the pool's own kills. */
export type ContainerDeath = string;

/** Thrown by an invocation whose container died before it answered. */
export class ContainerKilledError extends Error {
  override readonly name = 'ContainerKilledError';
}

/** Options of {@link createContainerPool}. */
export interface ContainerPoolOptions {
  /** The bundled container to fork (see `bundleHandler`). */
  readonly bundlePath: string;
  /** How many containers may run at once: the event source mapping's maximum concurrency. */
  readonly size: number;
  /** The environment of a new container in a slot (its own proxies' endpoints). */
  readonly environmentFor: (slot: number) => NodeJS.ProcessEnv;
  /** Name, timeout (s), memory (MB), region and account of the function. */
  readonly functionSettings: LambdaFunctionSettings;
  /** Whether a slot's container is to die: its answer is thrown away. */
  readonly isDoomed?: (slot: number) => boolean;
  /** Told when a container is gone, with why. */
  readonly onExit?: (slot: number, death: ContainerDeath) => void;
  /** Where the containers' stdout goes (their Powertools logs). @default 'inherit' */
  readonly output?: 'inherit' | 'ignore';
  /**
   * Scheduling priority of the containers (`os.setPriority`, a nice value from -20 to 19;
   * higher runs less). @default 0, the same as this process
   */
  readonly niceness?: number;
}

/** Worker containers, one child process each, invoked like a Lambda function. */
export interface ContainerPool {
  /** Runs one invocation in an idle container, starting one (cold) when the slot has none. */
  invoke(event: SQSEvent, context: Context): Promise<unknown>;
  /** Starts a container in every slot; rejects when one cannot load the handler. */
  warmUp(): Promise<void>;
  /** Kills a slot's container now (`SIGKILL`), if it has one. */
  kill(slot: number, death: ContainerDeath): void;
  /**
   * Starts containers from another bundle from now on (new code, as a new function version
   * in Lambda): idle containers are replaced at once, busy ones once their invocation ends.
   * One container loads the new bundle first; if it cannot (a module that throws at import),
   * the pool keeps the bundle it runs, so a bad edit does not stop every email.
   *
   * @param bundlePath - the new bundle
   * @returns when the idle containers' successors are ready
   * @throws Error when the new bundle fails to load; the pool still runs the previous one
   */
  replaceBundle(bundlePath: string): Promise<void>;
  /** Figures so far: cold starts and deaths by cause. */
  stats(): { coldStarts: number; deaths: Record<string, number> };
  /** Kills every container. */
  stop(): Promise<void>;
}

interface Slot {
  readonly index: number;
  child: ChildProcess | undefined;
  /** The bundle `child` runs. */
  bundlePath: string | undefined;
  ready: Promise<ChildProcess> | undefined;
  busy: boolean;
  death: ContainerDeath | undefined;
}

/** Gives a container a nice value; best effort, as a container already gone has no pid. */
function lowerPriority(child: ChildProcess, niceness: number): void {
  if (niceness === 0 || child.pid === undefined) return;
  try {
    setPriority(child.pid, niceness);
  } catch {
    // The container exited before it could be reniced: its 'exit' handler reports it.
  }
}

/**
 * Creates a pool of worker containers: child processes that each load the bundled handler
 * once and then serve one invocation at a time, as Lambda execution environments do. A
 * container killed mid-invocation loses all its in-process state and never answers: the
 * invocation rejects with {@link ContainerKilledError}, and the event source mapping, as
 * Lambda's, deletes nothing of the batch. An invocation that outlives the function timeout
 * (counted from the end of the cold start) is killed too, as Lambda ends a timed-out
 * environment. The next invocation in that slot
 * starts a new container (a cold start).
 *
 * @param options - bundle, size, environments and hooks
 * @returns the pool
 */
export function createContainerPool(options: ContainerPoolOptions): ContainerPool {
  const slots: Slot[] = Array.from({ length: options.size }, (_, index) => ({
    index,
    child: undefined,
    bundlePath: undefined,
    ready: undefined,
    busy: false,
    death: undefined,
  }));
  const waiting: ((slot: Slot) => void)[] = [];
  let stopped = false;
  let bundlePath = options.bundlePath;
  const figures = { coldStarts: 0, deaths: {} as Record<string, number> };

  const startContainer = (slot: Slot, path = bundlePath): Promise<ChildProcess> => {
    figures.coldStarts += 1;
    const child = fork(path, [], {
      env: options.environmentFor(slot.index),
      execArgv: [],
      stdio: ['ignore', options.output ?? 'inherit', 'pipe', 'ipc'],
    });
    lowerPriority(child, options.niceness ?? 0);
    slot.child = child;
    slot.bundlePath = path;
    slot.death = undefined;
    // A send to a container that just died fails here; its 'exit' already settles the invocation.
    child.on('error', () => {});
    let stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      if ((options.output ?? 'inherit') === 'inherit') process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-2000);
    });
    child.once('exit', (code, signal) => {
      if (slot.child === child) {
        slot.child = undefined;
        slot.ready = undefined;
      }
      const death = slot.death ?? `exit ${signal ?? code}`;
      figures.deaths[death] = (figures.deaths[death] ?? 0) + 1;
      options.onExit?.(slot.index, death);
    });
    slot.ready = new Promise((resolve, reject) => {
      const onMessage = (message: ContainerMessage) => {
        if (message.type !== 'ready') return;
        child.off('exit', onEarlyExit);
        child.off('message', onMessage);
        resolve(child);
      };
      const onEarlyExit = () =>
        reject(new Error(`The worker container failed to start: ${stderrTail.trim()}`));
      child.on('message', onMessage);
      child.once('exit', onEarlyExit);
    });
    return slot.ready;
  };

  const acquireSlot = (): Promise<Slot> => {
    const idle = slots.find((slot) => !slot.busy);
    if (idle !== undefined) {
      idle.busy = true;
      return Promise.resolve(idle);
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const releaseSlot = (slot: Slot) => {
    const next = waiting.shift();
    if (next === undefined) slot.busy = false;
    else next(slot);
  };

  const kill = (slot: Slot, death: ContainerDeath) => {
    if (slot.child === undefined || slot.death !== undefined) return;
    slot.death = death;
    slot.child.kill('SIGKILL');
  };

  /** Ends a slot's container and waits until it is gone. */
  const stopContainer = async (slot: Slot, death: ContainerDeath) => {
    const child = slot.child;
    if (child === undefined) return;
    const exited = once(child, 'exit');
    kill(slot, death);
    await exited;
  };

  const runInvocation = (slot: Slot, child: ChildProcess, event: SQSEvent, context: Context) =>
    new Promise<unknown>((resolve, reject) => {
      const invocationId = randomUUID();
      const timeoutMs = options.functionSettings.timeoutSeconds * 1000;
      // The deadline starts now, with the container ready: as in Lambda, a cold start's init
      // phase does not count against the function timeout.
      const startedAt = Date.now();
      const timer = setTimeout(() => kill(slot, 'timeout'), timeoutMs);
      const settle = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      const onMessage = (answer: ContainerMessage) => {
        if (answer.type === 'ready' || answer.invocationId !== invocationId) return;
        // A container about to be killed is as good as dead: its answer never counts.
        if (options.isDoomed?.(slot.index)) return;
        settle();
        if (answer.type === 'result') resolve(answer.response);
        else reject(new Error(answer.error));
      };
      const onExit = () => {
        settle();
        reject(new ContainerKilledError(`The worker container died: ${slot.death ?? 'exited'}`));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({
        type: 'invoke',
        invocationId,
        event,
        settings: options.functionSettings,
        invocation: { awsRequestId: context.awsRequestId, startedAt },
      } satisfies InvokeMessage);
    });

  return {
    async invoke(event, context) {
      if (stopped) throw new ContainerKilledError('The worker containers are stopped');
      const slot = await acquireSlot();
      try {
        if (stopped) throw new ContainerKilledError('The worker containers are stopped');
        if (slot.bundlePath !== bundlePath) await stopContainer(slot, 'reload');
        const child = await (slot.ready ?? startContainer(slot));
        return await runInvocation(slot, child, event, context);
      } finally {
        releaseSlot(slot);
      }
    },
    async warmUp() {
      await Promise.all(slots.map((slot) => slot.ready ?? startContainer(slot)));
    },
    kill(index, death) {
      const slot = slots[index];
      if (slot !== undefined) kill(slot, death);
    },
    async replaceBundle(path) {
      // The trial runs in a slot (waiting for one if all are busy), so the pool never holds
      // more containers than its size.
      const trial = await acquireSlot();
      try {
        await stopContainer(trial, 'reload');
        if (stopped) return;
        await startContainer(trial, path).catch((error: unknown) => {
          const detail = error instanceof Error ? error.message : String(error);
          throw new Error(
            `The new code failed to load; the previous code keeps running. ${detail}`,
          );
        });
      } finally {
        releaseSlot(trial);
      }
      bundlePath = path;
      const idle = slots.filter((slot) => !slot.busy && slot.bundlePath !== path);
      await Promise.all(
        idle.map(async (slot) => {
          slot.busy = true;
          try {
            await stopContainer(slot, 'reload');
            if (!stopped) await startContainer(slot);
          } finally {
            releaseSlot(slot);
          }
        }),
      );
    },
    stats: () => ({ coldStarts: figures.coldStarts, deaths: { ...figures.deaths } }),
    async stop() {
      stopped = true;
      await Promise.all(slots.map((slot) => stopContainer(slot, 'stop')));
    },
  };
}
