import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * The X-Ray tracer, one per container, shared by the SDK clients so each AWS call is a
 * subsegment of the invocation's trace; its service name is `POWERTOOLS_SERVICE_NAME`.
 * Outside Lambda (tests, the local stack) Powertools turns tracing off and returns clients
 * untouched.
 *
 * `captureHTTPsRequests: false`: the functions make no HTTP call but through the SDK, whose
 * calls are recorded anyway, and the X-Ray SDK's `http`/`fetch` patches cost about 15 ms of a
 * cold start (`npm run bench -- --only bundles --profile`).
 */
export const tracer = new Tracer({ captureHTTPsRequests: false });
