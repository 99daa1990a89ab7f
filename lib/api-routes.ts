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
