/**
 * The HTTP API's routes, as API Gateway route keys (`METHOD /path`). Read by the CDK stack
 * (`lib/signup-api.ts`) and the local API (`local/api-routes.ts`), so the two cannot drift.
 * One function serves them all; add `GET /` (the signup page) here.
 */
export const apiRoutes = [
  { method: 'POST', path: '/signup' },
  { method: 'GET', path: '/confirm' },
  { method: 'GET', path: '/health' },
] as const;

/** One entry of {@link apiRoutes}. */
export type ApiRoute = (typeof apiRoutes)[number];
