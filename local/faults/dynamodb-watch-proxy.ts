import type { CrashCoordinator } from './crash-coordinator.js';
import {
  type ForwardingProxy,
  type ProxiedRequest,
  startForwardingProxy,
} from './forwarding-proxy.js';

/** Options of {@link startDynamoDbWatchProxy}. */
export interface DynamoDbWatchProxyOptions {
  /** Base URL of the DynamoDB emulator. */
  readonly target: string;
  /** The worker container this proxy serves. */
  readonly slot: number;
  readonly crashes: CrashCoordinator;
}

/**
 * Starts a proxy in front of the DynamoDB emulator that passes every call through and tells
 * the crash coordinator when a write that sets an idempotency record's status to COMPLETED
 * has been acknowledged. Powertools writes it with `UpdateItem` (`:status` = `COMPLETED`,
 * the response data, with the SES message id, in `:response_data`).
 *
 * @param options - the emulator, the slot and the coordinator
 * @returns the proxy; point `AWS_ENDPOINT_URL_DYNAMODB` at its `url`
 */
export function startDynamoDbWatchProxy(
  options: DynamoDbWatchProxyOptions,
): Promise<ForwardingProxy> {
  return startForwardingProxy({
    target: options.target,
    async intercept(request, forward) {
      const response = await forward();
      if (response.statusCode === 200 && !request.isAbandoned() && isCompletedWrite(request)) {
        options.crashes.recordCompleted(options.slot, request.body.toString('utf8'));
      }
      return response;
    },
  });
}

/**
 * Tells whether a DynamoDB JSON request writes an item whose attribute values include the
 * string `COMPLETED`: an `UpdateItem` through `ExpressionAttributeValues`, or a `PutItem`
 * through `Item`. Source: DynamoDB API Reference, `UpdateItem` and `PutItem`; the operation
 * is named in the `X-Amz-Target` header (`DynamoDB_20120810.UpdateItem`).
 *
 * @param request - the proxied request
 */
export function isCompletedWrite(request: Pick<ProxiedRequest, 'headers' | 'body'>): boolean {
  const target = request.headers['x-amz-target'];
  const operation = typeof target === 'string' ? target.split('.').at(-1) : undefined;
  if (operation !== 'UpdateItem' && operation !== 'PutItem') return false;
  let body: unknown;
  try {
    body = JSON.parse(request.body.toString('utf8'));
  } catch {
    return false;
  }
  if (typeof body !== 'object' || body === null) return false;
  const values: unknown =
    operation === 'UpdateItem'
      ? (body as { ExpressionAttributeValues?: unknown }).ExpressionAttributeValues
      : (body as { Item?: unknown }).Item;
  if (typeof values !== 'object' || values === null) return false;
  return Object.values(values).some(
    (value: unknown) =>
      typeof value === 'object' && value !== null && (value as { S?: unknown }).S === 'COMPLETED',
  );
}
