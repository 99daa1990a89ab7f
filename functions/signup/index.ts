import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { loadSignupConfig } from './config.js';
import { createCorsHeaders, respondToOptions } from './cors.js';
import type { RouteDependencies } from './dependencies.js';
import { handleConfirm } from './handle-confirm.js';
import { handleSignup } from './handle-signup.js';
import { type ApiGatewayProxyEvent, type HttpRequest, readHttpRequest } from './http-request.js';
import { logger } from './logger.js';
import { createProblem, respondWithProblem } from './problem.js';
import { respondInternalError } from './route-responses.js';
import { renderSignupPage } from './signup-pages.js';
import { createTokenSecretResolver } from './token-secret.js';

type RouteHandler = (
  request: HttpRequest,
  dependencies: RouteDependencies,
) => Promise<APIGatewayProxyStructuredResultV2>;

// Read at cold start: a missing variable fails the first invocation with its name.
const config = loadSignupConfig();
const dependencies: RouteDependencies = {
  config,
  resolveTokenSecret: createTokenSecretResolver(config.tokenSecret),
};

const handleHealth: RouteHandler = async () => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify({ status: 'ok' }),
});

const handleSignupPage: RouteHandler = async (_request, { config }) =>
  renderSignupPage(config.appUrl);

/** Path → method → handler. */
const routes: Readonly<Record<string, Readonly<Record<string, RouteHandler>>>> = {
  '/': { GET: handleSignupPage },
  '/signup': { POST: handleSignup },
  '/confirm': { GET: handleConfirm },
  '/health': { GET: handleHealth },
};

/**
 * The API's Lambda handler: a thin router over API Gateway proxy events, HTTP API payload
 * format 2.0 or REST API payload format 1.0 alike (the structured result serves both).
 * Routes: `GET /` (the signup form), `POST /signup`, `GET /confirm?token=…`, `GET /health`,
 * and `OPTIONS` on each (CORS preflight, per `CORS_ORIGINS`). An unknown path is a 404 problem, a known path with another
 * method a 405 problem with `Allow` (RFC 9110 §15.5.6). Every answer to an allowed origin
 * carries the CORS headers, errors included, so a browser page can read the problem.
 *
 * @param event - the API Gateway event
 * @param context - the Lambda context, for the logger's function fields
 */
export async function handler(
  event: ApiGatewayProxyEvent,
  context?: Context,
): Promise<APIGatewayProxyStructuredResultV2> {
  if (context) logger.addContext(context);
  let request: HttpRequest | undefined;
  try {
    request = readHttpRequest(event);
    const result = await routeRequest(request);
    return {
      ...result,
      headers: { ...createCorsHeaders(request, config.corsOrigins), ...result.headers },
    };
  } catch (error) {
    logger.error('Request failed', { requestId: request?.requestId, error });
    return respondInternalError();
  }
}

async function routeRequest(request: HttpRequest): Promise<APIGatewayProxyStructuredResultV2> {
  const methods = Object.hasOwn(routes, request.path) ? routes[request.path] : undefined;
  if (!methods) {
    return respondWithProblem(createProblem('not-found', 'No resource at this path.'));
  }
  if (request.method === 'OPTIONS') {
    return respondToOptions(request, Object.keys(methods), config.corsOrigins);
  }
  const route = Object.hasOwn(methods, request.method) ? methods[request.method] : undefined;
  if (!route) {
    const allow = [...Object.keys(methods), 'OPTIONS'].join(', ');
    return respondWithProblem(
      createProblem('method-not-allowed', `Use ${allow} on this resource.`),
      {
        allow,
      },
    );
  }
  return route(request, dependencies);
}
