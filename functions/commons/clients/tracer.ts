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
 */
export const tracer = new Tracer();
