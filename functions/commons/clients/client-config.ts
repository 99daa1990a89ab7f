/**
 * Timeouts and attempts of the clients the functions call AWS with (DynamoDB, SQS, Secrets
 * Manager), so a dependency that accepts the connection and never answers ends in an error
 * the function handles (the API's 503 with `Retry-After`, the worker's retry through the queue)
 * instead of in the Lambda timeout (API Gateway's bare 500, a whole batch retried). The SDK
 * sets no timeout by default, and its `requestTimeout` only warns without
 * `throwOnRequestTimeout` (Smithy `NodeHttpHandlerOptions`). The SDK retries a timeout, so a
 * stalled call fails after `maxAttempts × requestTimeout` and a backoff of at most 0.5 s: about
 * 4 s, and at most 9 s for a stalled enqueue and a stalled release of its claim, within the
 * API function's 10 s (`settings.api.timeoutSeconds`; the test of these figures reads it).
 */
export const dependencyClientConfig = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 1000, requestTimeout: 2000, throwOnRequestTimeout: true },
};

/**
 * The SES client's: called by the worker only (30 s timeout). A longer request timeout, as a
 * send that timed out after SES accepted it is sent again by the SDK's retry (a second email),
 * so only a stall should reach it; the SDK's default 3 attempts: about 16.5 s at most, then the
 * DLQ or backoff call, within the worker's 30 s.
 */
export const sesClientConfig = {
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 1000, requestTimeout: 5000, throwOnRequestTimeout: true },
};
