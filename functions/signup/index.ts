import {
  isAPIGatewayProxyEventV2,
  NotFoundError,
  Router,
} from '@aws-lambda-powertools/event-handler/http';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { createTokenSecretResolver } from './accounts/token-secret.js';
import { loadSignupConfig, type SignupServices } from './config.js';
import { negotiateLocale } from './http/negotiation.js';
import { renderSignupPage } from './http/pages.js';
import { internalError, ProblemError, respondWithProblem } from './http/problem.js';
import { logger } from './logger.js';
import { getConfirm, postConfirm } from './routes/confirm.js';
import { postSignup } from './routes/post-signup.js';

// Read at cold start: a missing variable fails the first invocation with its name.
const config = loadSignupConfig();
const services: SignupServices = {
  config,
  resolveTokenKey: createTokenSecretResolver(config.tokenSecret),
};
const notFound = new ProblemError('not-found', 'No resource at this path.');

// Only payload format 2.0 events reach the router (see `handler`).
const v2 = (event: unknown) => event as APIGatewayProxyEventV2;

const app = new Router();
app.get('/', ({ event }) =>
  renderSignupPage(config.appUrl, negotiateLocale(v2(event).headers['accept-language'])),
);
app.post('/signup', ({ event }) => postSignup(v2(event), services));
// GET and HEAD show the confirmation page and write nothing; only its button's POST confirms.
app.get('/confirm', ({ event }) => getConfirm(v2(event), services));
app.head('/confirm', ({ event }) => getConfirm(v2(event), services));
app.post('/confirm', ({ event }) => postConfirm(v2(event), services));
app.get('/health', () => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify({ status: 'ok' }),
}));
// The one place a thrown problem becomes an answer: RFC 9457 problem+json. Anything else is a
// fault of ours: logged, and answered with a generic 500 that echoes nothing of it.
app.errorHandler(Error, async (error, { event }) => {
  if (error instanceof ProblemError) return respondWithProblem(error);
  if (error instanceof NotFoundError) return respondWithProblem(notFound);
  logger.error('Request failed', { requestId: v2(event).requestContext.requestId, error });
  return respondWithProblem(internalError(error));
});

/**
 * The API's handler: Powertools' HTTP router over HTTP API events (payload format 2.0).
 * API Gateway routes only the routes here and answers CORS preflights itself; anything
 * else that reaches the function (a direct invoke, another kind of event) gets a 404 problem.
 */
export async function handler(
  event: unknown,
  context?: Context,
): Promise<APIGatewayProxyStructuredResultV2> {
  if (context) logger.addContext(context);
  if (!isAPIGatewayProxyEventV2(event)) return respondWithProblem(notFound);
  // A GET or HEAD with a body (API Gateway passes one on) would make the router's Request
  // throw (aws-powertools/powertools-lambda-typescript#5673); no route reads one.
  const method = event.requestContext.http?.method;
  const readable = method === 'GET' || method === 'HEAD' ? { ...event, body: undefined } : event;
  try {
    return await app.resolve(readable, context as Context);
  } catch (error) {
    // Only an event the router cannot read gets here (routes' errors go to the error
    // handler): not one API Gateway sends, so it matches no route.
    logger.warn('Event could not be read', { error });
    return respondWithProblem(notFound);
  }
}
