import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { settings } from '../../lib/settings.js';
import { signConfirmationToken } from './confirmation-token.js';
import type { RouteDependencies } from './dependencies.js';
import { createVerifyEmailJob, enqueueEmailJob } from './enqueue-email-job.js';
import type { HttpRequest } from './http-request.js';
import { logger, maskDomain } from './logger.js';
import { respondWithProblem } from './problem.js';
import { acceptedMediaTypes, readRequestBody } from './request-body.js';
import { resolveTokenSecretOrRespond, respondServiceUnavailable } from './route-responses.js';
import { parseSignupRequest } from './signup-request.js';

/**
 * `POST /signup`: validates the body, queues a `verify-email` job and answers 202 with its id.
 * It never renders or sends mail; the send-email worker does, from the queue.
 *
 * Answers: 202 `{ id, status: "queued" }`; 400/413/415 problems for bad input (nothing
 * queued); 503 with `Retry-After` when SQS or Secrets Manager fails; 500 when the token
 * secret is misconfigured.
 *
 * @param request - the request
 * @param dependencies - configuration and the token key
 */
export async function handleSignup(
  request: HttpRequest,
  dependencies: RouteDependencies,
): Promise<APIGatewayProxyStructuredResultV2> {
  const body = readRequestBody(request, settings.api.maxBodyBytes);
  if (!body.ok) {
    const acceptPost = { 'accept-post': acceptedMediaTypes.join(', ') };
    return respondWithProblem(body.problem, body.problem.status === 415 ? acceptPost : {});
  }
  const signup = parseSignupRequest(body.text, body.mediaType);
  if (!signup.ok) return respondWithProblem(signup.problem);
  const { email, name } = signup.request;

  const secret = await resolveTokenSecretOrRespond(request, dependencies);
  if (!secret.ok) return secret.response;
  const ttlSeconds = settings.token.ttlSeconds;
  const token = signConfirmationToken(email, { secret: secret.secret, ttlSeconds });
  const job = createVerifyEmailJob({
    email,
    ...(name === undefined ? {} : { name }),
    confirmUrl: `${dependencies.config.appUrl}/confirm?token=${token}`,
    expiresInMinutes: Math.round(ttlSeconds / 60),
  });

  const logKeys = { requestId: request.requestId, jobId: job.id, domain: maskDomain(email) };
  try {
    const messageId = await enqueueEmailJob(job, dependencies.config.queueUrl);
    logger.info('Email job queued', { ...logKeys, messageId });
  } catch (error) {
    logger.error('SQS refused the email job', { ...logKeys, error });
    return respondServiceUnavailable('The signup could not be queued.');
  }
  return {
    statusCode: 202,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify({ id: job.id, status: 'queued' }),
  };
}
