/**
 * Wraps an async function so that its calls run one after another, in call order.
 *
 * Why: in process, every poller of the emulated event source mapping invokes the same
 * loaded worker module, as one Lambda execution environment would; but Lambda never runs
 * two invocations in one environment at once, and the worker keeps per-invocation state at
 * module scope (the Powertools batch processor, the idempotency config's Lambda context).
 * Two overlapping invocations would mix up each other's `batchItemFailures`. Source: AWS
 * Lambda docs, "Understanding the Lambda execution environment lifecycle".
 *
 * @param fn - the function, e.g. the worker's handler
 * @returns a function with the same signature whose calls never overlap; a call that
 *   rejects does not stop the next
 */
export function runOneAtATime<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  let tail: Promise<unknown> = Promise.resolve();
  return (...args) => {
    const run = tail.then(() => fn(...args));
    tail = run.catch(() => undefined);
    return run;
  };
}
