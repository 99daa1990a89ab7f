import { describe, expect, it } from 'vitest';
import { runOneAtATime } from '../../../local/worker-runtime/one-at-a-time.js';

/** A function that records when each call starts and ends, and takes `ms` to finish. */
function makeRecordingTask(ms: number) {
  const events: string[] = [];
  const task = async (name: string, fail = false) => {
    events.push(`start ${name}`);
    await new Promise((resolve) => setTimeout(resolve, ms));
    events.push(`end ${name}`);
    if (fail) throw new Error(`${name} failed`);
    return name;
  };
  return { events, task };
}

describe('runOneAtATime', () => {
  it('runs concurrent calls one after another, in call order', async () => {
    // Prepare
    const { events, task } = makeRecordingTask(20);
    const serialized = runOneAtATime(task);

    // Act
    const results = await Promise.all([serialized('a'), serialized('b'), serialized('c')]);

    // Assess
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('passes a rejection to its caller and still runs the next call', async () => {
    // Prepare
    const { events, task } = makeRecordingTask(5);
    const serialized = runOneAtATime(task);

    // Act
    const failing = serialized('a', true);
    const next = serialized('b');

    // Assess
    await expect(failing).rejects.toThrow('a failed');
    await expect(next).resolves.toBe('b');
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b']);
  });
});
