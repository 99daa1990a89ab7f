/**
 * The deployed API's routes (`lib/signup-api.ts`); API Gateway answers any other request
 * with its own 404 and never invokes the function.
 */
export const apiRoutes = ['POST /signup', 'GET /confirm', 'GET /health'] as const;

/**
 * The routes the local API serves. With CORS on (`CORS_ORIGINS`), API Gateway answers
 * preflight `OPTIONS` requests itself; locally the signup handler, which answers them the
 * same way, stands in for it.
 *
 * @param corsOrigins - the `CORS_ORIGINS` variable, if any
 * @returns route keys, `METHOD /path`
 */
export function listApiRoutes(corsOrigins: string | undefined): string[] {
  if (!corsOrigins) return [...apiRoutes];
  const paths = new Set(apiRoutes.map((route) => route.split(' ')[1]));
  return [...apiRoutes, ...[...paths].map((path) => `OPTIONS ${path}`)];
}
