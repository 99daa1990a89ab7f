import { createHash } from 'node:crypto';

/** A source of numbers in [0, 1), like `Math.random`. */
export type RandomSource = () => number;

/**
 * A seeded pseudo-random source (mulberry32, 32-bit state), so a run with the same seed and
 * the same order of calls makes the same fault decisions and a failing test can be replayed.
 * Not for anything secret.
 *
 * @param seed - any integer; only its low 32 bits count
 * @returns numbers in [0, 1)
 */
export function createRandomSource(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * A number in [0, 1) fixed by a seed and a key: the same key always draws the same number,
 * whatever else happened before. Used for decisions that must not change between
 * deliveries of a job (a rejected recipient stays rejected on every retry).
 *
 * @param seed - the run's seed
 * @param key - e.g. a recipient address
 * @returns the first 32 bits of SHA-256(`seed:key`) as a fraction of 2^32
 */
export function drawForKey(seed: number, key: string): number {
  return createHash('sha256').update(`${seed}:${key}`).digest().readUInt32BE(0) / 2 ** 32;
}
