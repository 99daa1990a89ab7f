import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** The deployed shape of a function, as far as its invocation context shows it. */
export interface LambdaFunctionSettings {
  /** Function name, e.g. `signup-mailer-send-email`. */
  readonly name: string;
  /** Function timeout, in seconds. */
  readonly timeoutSeconds: number;
  /** Function memory, in MB. */
  readonly memorySizeMb: number;
  /** Region of the function, e.g. `us-east-1`. */
  readonly region: string;
  /** Account id of the function, 12 digits. */
  readonly accountId: string;
}

/** One invocation: when it started and its request id. */
export interface LambdaInvocation {
  /** Start of the invocation, in ms since the epoch; with the timeout it gives the deadline. */
  readonly startedAt?: number;
  /** The invocation's request id. @default a random UUID */
  readonly awsRequestId?: string;
}

/**
 * Creates the `Context` Lambda passes to a Node.js handler for one invocation, with a
 * deadline of `timeoutSeconds` from its start, so code that budgets its time
 * (`getRemainingTimeInMillis`) behaves as deployed. The one factory of the project: the local
 * API and event source mapping, the worker containers, the bench's Lambda runner and the
 * tests' factories build their contexts here. Source: AWS Lambda docs, "Using the Lambda
 * context object to retrieve Node.js function information".
 *
 * @param settings - the function's name, timeout (s), memory (MB), region and account
 * @param invocation - its start (default now) and request id (default a random UUID)
 * @returns the context; its deprecated callback methods throw, as async handlers must not use them
 */
export function createLambdaContext(
  settings: LambdaFunctionSettings,
  { startedAt = Date.now(), awsRequestId = randomUUID() }: LambdaInvocation = {},
): Context {
  const deadline = startedAt + settings.timeoutSeconds * 1000;
  const day = new Date(startedAt).toISOString().slice(0, 10).replaceAll('-', '/');
  const rejectCallback = () => {
    throw new Error(
      'context.done/fail/succeed are not supported: return or throw from the async handler',
    );
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: settings.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${settings.region}:${settings.accountId}:function:${settings.name}`,
    memoryLimitInMB: String(settings.memorySizeMb),
    awsRequestId,
    logGroupName: `/aws/lambda/${settings.name}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: rejectCallback,
    fail: rejectCallback,
    succeed: rejectCallback,
  };
}
