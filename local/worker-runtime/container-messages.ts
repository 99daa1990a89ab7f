import type { SQSEvent } from 'aws-lambda';

/** The invocation context sent to a container; it rebuilds the `Context` from it. */
export interface ContainerInvocationContext {
  readonly awsRequestId: string;
  readonly functionName: string;
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number;
  readonly region: string;
  readonly accountId: string;
  /** Start of the invocation, ms since the epoch; with the timeout it gives the deadline. */
  readonly startedAt: number;
}

/** Parent → container: run the handler once. */
export interface InvokeMessage {
  readonly type: 'invoke';
  readonly invocationId: string;
  readonly event: SQSEvent;
  readonly context: ContainerInvocationContext;
}

/** Container → parent. */
export type ContainerMessage =
  /** The handler module is loaded: the cold start is over. */
  | { readonly type: 'ready' }
  /** The handler resolved; `response` is what it resolved to. */
  | { readonly type: 'result'; readonly invocationId: string; readonly response: unknown }
  /** The handler threw or rejected. */
  | { readonly type: 'error'; readonly invocationId: string; readonly error: string };

/**
 * Narrows an IPC message from a container.
 *
 * @param message - whatever arrived on the channel
 * @returns the message, or `undefined` when it is not one of {@link ContainerMessage}
 */
export function readContainerMessage(message: unknown): ContainerMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, invocationId, error } = message as Record<string, unknown>;
  if (type === 'ready') return { type };
  if (typeof invocationId !== 'string') return undefined;
  if (type === 'result') {
    return { type, invocationId, response: (message as { response?: unknown }).response };
  }
  if (type === 'error' && typeof error === 'string') return { type, invocationId, error };
  return undefined;
}

/**
 * Narrows an IPC message from the parent.
 *
 * @param message - whatever arrived on the channel
 * @returns the invoke message, or `undefined`
 */
export function readInvokeMessage(message: unknown): InvokeMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const candidate = message as Partial<InvokeMessage>;
  if (candidate.type !== 'invoke' || typeof candidate.invocationId !== 'string') return undefined;
  if (typeof candidate.event !== 'object' || candidate.event === null) return undefined;
  if (typeof candidate.context !== 'object' || candidate.context === null) return undefined;
  return candidate as InvokeMessage;
}
