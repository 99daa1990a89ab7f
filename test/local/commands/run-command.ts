import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const projectDir = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));

/** What a command printed, and how it ended. */
export interface CommandRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `npm run <name> -- <args>` as npm does (tsx on `local/commands/<name>.ts`), in a
 * process of its own, and resolves once it has exited.
 *
 * @param name - the npm script, e.g. `dlq`
 * @param args - its arguments
 * @param env - variables added to this process's environment
 * @param pipeTo - a shell command its stdout is piped to (`| <pipeTo>`), as a person would
 *   pipe it to `jq`; then the exit code is the pipeline's
 */
export function runCommand(
  name: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  pipeTo?: string,
): Promise<CommandRun> {
  const command = [process.execPath, tsx, `local/commands/${name}.ts`, ...args];
  const [file, fileArgs] =
    pipeTo === undefined
      ? [process.execPath, command.slice(1)]
      : ['/bin/sh', ['-c', `"$@" | ${pipeTo}`, 'sh', ...command]];
  return new Promise((resolve) => {
    execFile(
      file,
      fileArgs,
      {
        cwd: projectDir,
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ exitCode, stdout, stderr });
      },
    );
  });
}
