/**
 * The HTTP API's routes, as API Gateway route keys (`METHOD /path`). Read by the CDK stack
 * (`lib/signup-api.ts`) and the local API (`local/api-routes.ts`), so the two cannot drift.
 * One function serves them all.
 */
export const apiRoutes = [
  { method: 'GET', path: '/' },
  { method: 'POST', path: '/signup' },
  { method: 'GET', path: '/confirm' },
  { method: 'GET', path: '/health' },
] as const;

/** One entry of {@link apiRoutes}. */
export type ApiRoute = (typeof apiRoutes)[number];

/**
 * The HTTP API's CORS rules besides its origins (the stack's `corsOrigins`), read by the stack
 * (`corsPreflight`) and by the local API, which answers preflights and adds the headers as
 * API Gateway does. The function itself does no CORS: API Gateway answers preflights and
 * replaces any CORS header an integration returns (API Gateway developer guide, "Configuring
 * CORS for an HTTP API").
 */
export const apiCors = {
  allowMethods: ['GET', 'POST'],
  /** Only what `POST /signup` needs. */
  allowHeaders: ['content-type'],
  /** A page may read a 503's `Retry-After`. */
  exposeHeaders: ['retry-after'],
  /** How long a browser may cache a preflight answer, in seconds (Chromium caps it at 7200). */
  maxAgeSeconds: 600,
} as const;
