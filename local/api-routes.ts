import { apiRoutes } from '../lib/api-routes.js';

/**
 * The routes the local API serves. With CORS on (`CORS_ORIGINS`), API Gateway answers
 * preflight `OPTIONS` requests itself; locally the signup handler, which answers them the
 * same way, stands in for it.
 *
 * @param corsOrigins - the `CORS_ORIGINS` variable, if any
 * @returns route keys, `METHOD /path`
 */
export function listApiRoutes(corsOrigins: string | undefined): string[] {
  // The deployed API's routes; API Gateway answers any other request with its own 404.
  const routes = apiRoutes.map(({ method, path }) => `${method} ${path}`);
  if (!corsOrigins) return routes;
  const paths = new Set(apiRoutes.map(({ path }) => path));
  return [...routes, ...[...paths].map((path) => `OPTIONS ${path}`)];
}
