import { fork } from 'node:child_process';
import { projectRoot } from '../lib/node-function.js';

/** Options of {@link runInChild}. */
export interface ChildOptions {
  /** Variables added to this process's environment for the child. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Where the child's stdout goes; its stderr always reaches this process's. @default 'ignore' */
  readonly stdout?: 'ignore' | 'inherit';
  /** Extra Node flags, e.g. `--cpu-prof`. */
  readonly nodeOptions?: readonly string[];
}

/**
 * Runs a bench part in a fresh Node process (through tsx) and resolves with what it sends
 * back. Parts run apart so each starts cold: its own heap, its own module cache (the local
 * stack starts once per process) and its own `NODE_ENV`.
 *
 * @param entry - absolute path of a module that calls {@link serveParent}
 * @param input - sent to the child over IPC
 * @param options - environment, stdout, Node flags
 * @returns the child's result
 * @throws Error when the child exits before it answers, or answers with an error
 */
export function runInChild<TInput, TOutput>(
  entry: string,
  input: TInput,
  options: ChildOptions = {},
): Promise<TOutput> {
  const child = fork(entry, [], {
    cwd: projectRoot,
    execArgv: ['--import', 'tsx', ...(options.nodeOptions ?? [])],
    // The bench mails example.com, as the local stack does (no deployed stack allows it).
    env: { ...process.env, ALLOW_EXAMPLE_RECIPIENTS: 'true', ...options.environment },
    stdio: ['ignore', options.stdout === 'inherit' ? 'inherit' : 'ignore', 'inherit', 'ipc'],
  });
  return new Promise<TOutput>((resolve, reject) => {
    let answered = false;
    child.on('message', (message: unknown) => {
      if (typeof message !== 'object' || message === null) return;
      answered = true;
      if ('error' in message) reject(new Error(`${entry}: ${String(message.error)}`));
      else if ('result' in message) resolve(message.result as TOutput);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (!answered) reject(new Error(`${entry} exited (${signal ?? code}) before it answered`));
    });
    child.send({ input });
  });
}

/**
 * The child's side of {@link runInChild}: waits for the input, runs `work`, sends its result
 * (or its error) back and lets the process end.
 *
 * @param work - the part's measurement
 */
export function serveParent<TInput, TOutput>(work: (input: TInput) => Promise<TOutput>): void {
  process.once('message', (message: unknown) => {
    const input = (message as { input: TInput }).input;
    work(input).then(
      (result) => process.send?.({ result }, () => process.exit(0)),
      (error: unknown) => {
        const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
        process.send?.({ error: text }, () => process.exit(1));
      },
    );
  });
}
