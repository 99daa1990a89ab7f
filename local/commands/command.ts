import { parseArgs } from 'node:util';
import { PortInUseError, portVariables } from '../servers.js';

/** One option of a command: what `parseArgs` reads, and what `--help` says of it. */
export interface CommandOption {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** A string option's default; boolean options default to false. */
  readonly default?: string;
  /** What a string option takes, for the help, e.g. `<name>`. */
  readonly value?: string;
  readonly description: string;
}

type CommandOptions = Readonly<Record<string, CommandOption>>;

/** What the options read: a boolean, a string (given or defaulted), or nothing. */
export type OptionValues<Options extends CommandOptions> = {
  readonly [Name in keyof Options]: Options[Name]['type'] extends 'boolean'
    ? boolean
    : Options[Name] extends { readonly default: string }
      ? string
      : string | undefined;
};

/** A command of `npm run`: its usage, options, the variables it reads, and its work. */
export interface Command<Options extends CommandOptions> {
  /** The npm script, e.g. `dlq`. */
  readonly name: string;
  /** What follows `npm run <name>` in the usage line, e.g. `[-- --json]`. */
  readonly usage: string;
  /** What the command does, in a few lines. */
  readonly description: string;
  /** The options besides `--help`. */
  readonly options: Options;
  /** The environment variables it reads, each with what it sets. */
  readonly environment: Readonly<Record<string, string>>;
  /** Does the work; resolves to the exit code. */
  run(values: OptionValues<Options>): Promise<number>;
}

/**
 * Runs a command as `npm run <name>` does: reads the command line (an unknown option or a
 * stray argument is refused with the usage, exit 2), answers `--help` (`-h`) with the
 * options and the variables read, runs the command, and exits with its code once stdout and
 * stderr are written out. Why wait: to a pipe, Node writes what the pipe takes (64 KiB) at
 * once and the rest later, so `process.exit` right after a large write cuts the output
 * (`npm run dlq -- --json | jq` read 64 KiB of the JSON).
 *
 * @param command - the command
 * @param args - its arguments; `process.argv` after the script by default
 */
export function runCommand<Options extends CommandOptions>(
  command: Command<Options>,
  args: readonly string[] = process.argv.slice(2),
): void {
  void executeCommand(command, args).then(async (exitCode) => {
    await Promise.all([flush(process.stdout), flush(process.stderr)]);
    process.exit(exitCode);
  });
}

/**
 * Reads the command line and runs the command; see {@link runCommand}.
 *
 * @returns the exit code: the command's, 0 for `--help`, 2 for a bad command line, 1 when it throws
 */
export async function executeCommand<Options extends CommandOptions>(
  command: Command<Options>,
  args: readonly string[],
): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(
      Object.entries(command.options).map(([name, { type, short, default: fallback }]) => [
        name,
        {
          type,
          ...(short === undefined ? {} : { short }),
          default: type === 'boolean' ? false : fallback,
        },
      ]),
    );
    values = parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    // parseArgs's own words, less its error name and its hints about positionals.
    const problem = (error instanceof Error ? error.message : String(error)).replace(
      /'\. .*$/s,
      "'",
    );
    const help = `${npmRun(command.name)} -- --help lists the options.`;
    console.error(`${npmRun(command.name)}: ${problem}; ${help}\n\n${formatUsage(command)}`);
    return 2;
  }
  if (values.help === true) {
    console.log(formatHelp(command));
    return 0;
  }
  try {
    return await command.run(values as OptionValues<Options>);
  } catch (error) {
    console.error(describeCommandFailure(command.name, error));
    return 1;
  }
}

/**
 * The help of a command: usage, what it does, its options and the variables it reads.
 *
 * @param command - the command
 */
export function formatHelp(command: Command<CommandOptions>): string {
  const options: [string, string][] = [
    ...Object.entries(command.options).map(([name, option]): [string, string] => [
      [option.short && `-${option.short},`, `--${name}`, option.value].filter(Boolean).join(' '),
      option.default === undefined
        ? option.description
        : `${option.description} (default ${option.default})`,
    ]),
    ['-h, --help', 'this help'],
  ];
  const variables = Object.entries(command.environment);
  return [
    formatUsage(command),
    '',
    command.description,
    '',
    'Options:',
    ...formatRows(options),
    '',
    'Environment:',
    ...formatRows(variables),
  ].join('\n');
}

/**
 * The one line a command prints when it fails: the error, and what to do about it when the
 * cause is a known one (a port another process holds, no local stack to talk to).
 *
 * @param name - the npm script, e.g. `dlq`
 * @param error - what the command threw
 */
export function describeCommandFailure(name: string, error: unknown): string {
  const text = `${npmRun(name)} failed: ${describeError(error)}`;
  if (error instanceof PortInUseError) {
    const variable = portVariables[error.service as keyof typeof portVariables];
    const remedy = variable
      ? `stop it, or set ${variable} to a free port (${variable}=0 picks any)`
      : 'stop it';
    return `${text}.\nAnother local stack (npm start in another terminal?) or another program may be using it: ${remedy}.`;
  }
  // The SDK's words for no region, and for an empty AWS_REGION.
  if (/Region is missing|Region not accepted/.test(text)) {
    return `${text}\nName the deployed stack's region: pass --region <region> or set AWS_REGION (or a region in your AWS profile).`;
  }
  if (!text.includes('ECONNREFUSED')) return text;
  return `${text}\nIs the local stack running? Start it with npm start (set SQS_PORT if it uses another port), or pass --stack <name> for the deployed stack.`;
}

function describeError(error: unknown): string {
  return error instanceof PortInUseError ? error.message : String(error);
}

function formatUsage(command: Command<CommandOptions>): string {
  return `Usage: ${npmRun(command.name)} ${command.usage}`.trimEnd();
}

/** How a person runs the script: `npm start`, or `npm run <name>`. */
function npmRun(name: string): string {
  return name === 'start' ? 'npm start' : `npm run ${name}`;
}

function formatRows(rows: readonly [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

/** Resolves once everything written to the stream so far has left the process. */
function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}
