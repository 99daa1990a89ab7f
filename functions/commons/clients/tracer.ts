import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * The X-Ray tracer, one per container, shared by the SDK clients so each AWS call becomes a
 * subsegment of the invocation's trace. Its service name comes from
 * `POWERTOOLS_SERVICE_NAME`, which the stack sets per function.
 *
 * Why it is safe everywhere: Powertools turns tracing off outside the Lambda execution
 * environment (no `AWS_EXECUTION_ENV`) and when `POWERTOOLS_TRACE_ENABLED=false`; then
 * `captureAWSv3Client` returns the client untouched, so tests and the local stack send
 * nothing to an X-Ray daemon.
 *
 * Why `captureHTTPsRequests: false`: the functions make no HTTP call but through the SDK,
 * whose calls `captureAWSv3Client` records (and marks with their trace header, so the X-Ray
 * SDK's `http`/`https`/`fetch` patches let them through untraced anyway). Those patches
 * cost every cold start their installation and every request their wrapper: about 15 ms
 * of CPU of a cold start (`npm run bench -- --only bundles --profile`).
 */
export const tracer = new Tracer({ captureHTTPsRequests: false });
