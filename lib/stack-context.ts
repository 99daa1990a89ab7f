import type { Node } from 'constructs';
import type { SignupMailerStackProps } from './signup-mailer-stack.js';

/** Sender when no `-c sender=...` is given, so `cdk synth` works out of the box (not to deploy). */
export const placeholderSender = 'no-reply@example.com';

/** The stages a copy of the stack can be: `prod` keeps its data and is protected from deletion. */
export const stages = ['dev', 'prod'] as const;
/** One of {@link stages}. */
export type Stage = (typeof stages)[number];
/** The stage when no `-c stage=...` is given. */
export const defaultStage: Stage = 'dev';

/** The stack name of a stage, so dev and prod live side by side in one account and region. */
export function stackNameOf(stage: Stage): string {
  return `SignupMailer-${stage}`;
}

/** The context keys the app reads, one per choice of docs/deploy.md. */
export const contextKeys = [
  'stage',
  'sender',
  'senderDomain',
  'existingIdentity',
  'sesSandbox',
  'appUrl',
  'homeUrl',
  'alarmEmail',
  'corsOrigins',
  'throttlingRateLimit',
  'throttlingBurstLimit',
  'maxConcurrency',
  'mailSubjectPrefix',
  'signupLimitPerClient',
] as const;
type ContextKey = (typeof contextKeys)[number];

/**
 * Reads the stack's props from CDK context (`cdk.json` or `-c key=value`), one key per prop;
 * `corsOrigins` is comma-separated, flags are `true` or `false`. Unset keys are left out, so
 * the stack's defaults apply; the stage is always set. A key the app does not read fails the
 * synth: a mistyped `-c alarmemail=…` would otherwise deploy a stack with no alarm
 * subscription, and say nothing. The CDK's own keys (feature flags `@aws-cdk/…`, `aws:cdk:…`,
 * lookups `…:account=…`) all hold a colon, and are left to it.
 *
 * @throws Error naming the known keys when a key is unknown; when a numeric key is not a
 *   number, a flag not `true` or `false`, or the stage not one of {@link stages}
 */
export function readStackPropsFromContext(
  node: Node,
): SignupMailerStackProps & { readonly stage: Stage } {
  const unknown = Object.keys(node.getAllContext()).filter(
    (key) =>
      !key.includes(':') &&
      !key.startsWith('@') &&
      key !== 'acknowledged-issue-numbers' &&
      !(contextKeys as readonly string[]).includes(key),
  );
  if (unknown.length > 0) {
    throw new Error(
      `Unknown context ${unknown.map((key) => `"${key}"`).join(', ')} (-c or cdk.json); the keys ` +
        `signup-mailer reads are ${contextKeys.join(', ')}`,
    );
  }
  const corsOrigins = readString(node, 'corsOrigins')
    ?.split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  return {
    stage: readStage(node),
    sender: readString(node, 'sender') ?? placeholderSender,
    senderDomain: readString(node, 'senderDomain'),
    existingIdentity: readBoolean(node, 'existingIdentity'),
    sesSandbox: readBoolean(node, 'sesSandbox'),
    appUrl: readString(node, 'appUrl'),
    homeUrl: readString(node, 'homeUrl'),
    alarmEmail: readString(node, 'alarmEmail'),
    corsOrigins,
    throttlingRateLimit: readNumber(node, 'throttlingRateLimit'),
    throttlingBurstLimit: readNumber(node, 'throttlingBurstLimit'),
    maxConcurrency: readNumber(node, 'maxConcurrency'),
    signupLimitPerClient: readNumber(node, 'signupLimitPerClient'),
    mailSubjectPrefix: readString(node, 'mailSubjectPrefix'),
  };
}

function readString(node: Node, key: ContextKey): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

// `-c key=5` arrives as the string "5"; cdk.json may hold a real number.
function readNumber(node: Node, key: ContextKey): number | undefined {
  const value = readString(node, key);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) {
    throw new Error(`Context ${key} must be a number, got "${value}"`);
  }
  return parsed;
}

function readStage(node: Node): Stage {
  const value = readString(node, 'stage') ?? defaultStage;
  const stage = stages.find((name) => name === value);
  if (stage === undefined) {
    throw new Error(`Context stage must be one of ${stages.join(', ')}, got "${value}"`);
  }
  return stage;
}

// `-c flag=true` arrives as the string "true"; cdk.json may hold a real boolean.
function readBoolean(node: Node, key: ContextKey): boolean | undefined {
  const value = readString(node, key);
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new Error(`Context ${key} must be true or false, got "${value}"`);
}
