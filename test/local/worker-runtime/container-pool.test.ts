import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { createLambdaContext } from '../../../local/lambda/lambda-context.js';
import {
  ContainerKilledError,
  type ContainerPool,
  type ContainerPoolOptions,
  createContainerPool,
} from '../../../local/worker-runtime/container-pool.js';

const fakeContainer = join(dirname(fileURLToPath(import.meta.url)), 'fake-container.cjs');
const functionSettings = {
  name: 'fake-worker',
  timeoutSeconds: 2,
  memorySizeMb: 128,
  region: 'us-east-1',
  accountId: '000000000000',
};
let pool: ContainerPool | undefined;

afterEach(async () => {
  await pool?.stop();
  pool = undefined;
});

function createPool(overrides: Partial<ContainerPoolOptions> = {}): ContainerPool {
  pool = createContainerPool({
    bundlePath: fakeContainer,
    size: 1,
    environmentFor: (slot) => ({ ...process.env, SLOT: String(slot) }),
    functionSettings,
    output: 'ignore',
    ...overrides,
  });
  return pool;
}

const createEvent = (body: string) => ({ Records: [{ body }] }) as unknown as SQSEvent;
const createContext = (timeoutSeconds = functionSettings.timeoutSeconds) =>
  createLambdaContext({ ...functionSettings, timeoutSeconds });

describe('createContainerPool', () => {
  it('runs invocations in a container that stays warm between them', async () => {
    // Prepare
    const containers = createPool();

    // Act
    const first = await containers.invoke(createEvent('answer'), createContext());
    const second = await containers.invoke(createEvent('answer'), createContext());

    // Assess
    expect(first).toEqual({ pid: expect.any(Number), slot: '0', file: 'fake-container.cjs' });
    expect(second).toEqual(first);
    expect(containers.stats().coldStarts).toBe(1);
  });

  it('replaces an idle container by one from a new bundle, which runs the next invocation', async () => {
    // Prepare
    const directory = mkdtempSync(join(tmpdir(), 'fake-bundle-'));
    const newBundle = join(directory, 'fake-container-2.cjs');
    copyFileSync(fakeContainer, newBundle);
    const containers = createPool();
    const before = await containers.invoke(createEvent('answer'), createContext());

    // Act
    await containers.replaceBundle(newBundle);
    const after = await containers.invoke(createEvent('answer'), createContext());

    // Assess
    rmSync(directory, { recursive: true, force: true });
    expect(before).toMatchObject({ file: 'fake-container.cjs' });
    expect(after).toMatchObject({ file: 'fake-container-2.cjs' });
    expect(containers.stats()).toEqual({ coldStarts: 2, deaths: { reload: 1 } });
  });

  it('keeps running the bundle it has when a new one fails to load, and says so', async () => {
    // Prepare: a bundle that builds but throws when loaded, as a template that throws at import
    const directory = mkdtempSync(join(tmpdir(), 'fake-bundle-'));
    const brokenBundle = join(directory, 'broken.cjs');
    writeFileSync(brokenBundle, "throw new Error('module-level boom');\n");
    const goodBundle = join(directory, 'fake-container-3.cjs');
    copyFileSync(fakeContainer, goodBundle);
    let exits = 0;
    let bothExited: () => void = () => {};
    const killed = new Promise<void>((resolve) => {
      bothExited = resolve;
    });
    const containers = createPool({
      size: 2,
      onExit: (_, death) => {
        if (death === 'after-record' && ++exits === 2) bothExited();
      },
    });
    await containers.warmUp();

    // Act
    const failure = await containers.replaceBundle(brokenBundle).catch(String);
    const answers = await Promise.all(
      [0, 1].map(() => containers.invoke(createEvent('answer'), createContext())),
    );
    containers.kill(0, 'after-record');
    containers.kill(1, 'after-record');
    await killed;
    const afterColdStart = await containers.invoke(createEvent('answer'), createContext());
    await containers.replaceBundle(goodBundle);
    const fixed = await containers.invoke(createEvent('answer'), createContext());

    // Assess
    rmSync(directory, { recursive: true, force: true });
    expect(failure).toMatch(/new code failed to load.*previous code/s);
    expect(failure).toContain('module-level boom');
    expect(answers.map((answer) => (answer as { file: string }).file)).toEqual([
      'fake-container.cjs',
      'fake-container.cjs',
    ]);
    expect(afterColdStart).toMatchObject({ file: 'fake-container.cjs' });
    expect(fixed).toMatchObject({ file: 'fake-container-3.cjs' });
  });

  // The runner itself may run under `nice` (as on a shared machine): the containers' nice value
  // is taken above its own, and no lower priority exists for a runner already at 19.
  const runnerNiceness = getPriority(process.pid);
  it.skipIf(runnerNiceness >= 19)(
    'runs its containers at the lower scheduling priority it is given',
    async () => {
      // Prepare
      const niceness = Math.min(runnerNiceness + 10, 19);
      const containers = createPool({ niceness });

      // Act
      const answer = (await containers.invoke(createEvent('answer'), createContext())) as {
        pid: number;
      };

      // Assess
      expect(getPriority(answer.pid)).toBe(niceness);
      expect(getPriority(answer.pid)).toBeGreaterThan(getPriority(process.pid));
    },
  );

  it('rejects the invocation of a killed container and cold-starts a new one for the next', async () => {
    // Prepare
    const exits: [number, string][] = [];
    const containers = createPool({ onExit: (slot, death) => exits.push([slot, death]) });
    const first = (await containers.invoke(createEvent('answer'), createContext())) as {
      pid: number;
    };

    // Act
    const hanging = containers.invoke(createEvent('hang'), createContext());
    await new Promise((resolve) => setTimeout(resolve, 50));
    containers.kill(0, 'after-record');
    const outcome = await hanging.catch((error: unknown) => error);
    const next = (await containers.invoke(createEvent('answer'), createContext())) as {
      pid: number;
    };

    // Assess
    expect(outcome).toBeInstanceOf(ContainerKilledError);
    expect(exits).toEqual([[0, 'after-record']]);
    expect(next.pid).not.toBe(first.pid);
    expect(containers.stats()).toEqual({ coldStarts: 2, deaths: { 'after-record': 1 } });
  });

  it('kills a container whose invocation outlives the function timeout', async () => {
    // Prepare
    const containers = createPool();

    // Act
    const outcome = await containers
      .invoke(createEvent('hang'), createContext(1))
      .catch((error: unknown) => error);

    // Assess
    expect(outcome).toBeInstanceOf(ContainerKilledError);
    expect(containers.stats().deaths).toEqual({ timeout: 1 });
  });

  it('ignores the answer of a doomed container and rejects once it is killed', async () => {
    // Prepare
    let doomed = false;
    const containers = createPool({ isDoomed: () => doomed });
    await containers.warmUp();
    doomed = true;

    // Act
    const invocation = containers.invoke(createEvent('answer'), createContext());
    setTimeout(() => containers.kill(0, 'after-record'), 100);
    const outcome = await invocation.catch((error: unknown) => error);

    // Assess
    expect(outcome).toBeInstanceOf(ContainerKilledError);
  });

  it('rejects the invocation with the error the handler threw', async () => {
    // Prepare
    const containers = createPool();

    // Act
    const outcome = await containers
      .invoke(createEvent('throw'), createContext())
      .catch((error: unknown) => error);

    // Assess
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toBe('Error: boom');
  });

  it('fails to warm up with what the container printed when it cannot start', async () => {
    // Prepare
    const containers = createPool({
      environmentFor: () => ({ ...process.env, FAKE_CONTAINER_FAIL_START: '1' }),
    });

    // Act
    const outcome = await containers.warmUp().catch(String);

    // Assess
    expect(outcome).toContain('ConfigurationError: MAIL_SENDER is not set');
  });
});
