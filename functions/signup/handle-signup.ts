import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { settings } from '../../lib/settings.js';
import type { RouteDependencies } from './dependencies.js';
import { EnqueueFailedError } from './enqueue-email-job.js';
import type { HttpRequest } from './http-request.js';
import { logger, maskDomain } from './logger.js';
import { negotiateLocale, prefersHtml } from './negotiation.js';
import { type Problem, respondWithProblem } from './problem.js';
import { registerSignup } from './register-signup.js';
import { acceptedMediaTypes, readRequestBody } from './request-body.js';
import { createServiceUnavailable, resolveTokenSecretOrRespond } from './route-responses.js';
import { recordSignupAccepted, recordSignupRejected } from './signup-metrics.js';
import { renderCheckInboxPage, renderSignupProblemPage } from './signup-pages.js';
import { parseSignupRequest } from './signup-request.js';

/**
 * `POST /signup`: validates the body, registers the signup in the accounts table and queues
 * at most one email (see `registerSignup`), then answers at once. It never renders or sends
 * mail; the send-email worker does, from the queue.
 *
 * A well-formed signup always gets 202 `{ id, status: "queued" }` — a new address, a pending
 * one, one within its cooldown, a confirmed one — so the answer does not tell whether an
 * address is registered; `id` is a fresh random UUID either way. A client that prefers HTML
 * (a browser's form post, by `Accept`) gets the "check your inbox" page instead, and its
 * problems as pages with the form.
 *
 * Other answers: 400/413/415 problems for bad input (nothing stored or queued); 503 with
 * `Retry-After` when DynamoDB, SQS or Secrets Manager fails; 500 when the token secret is
 * misconfigured.
 *
 * Every answer is counted once (`signup-metrics.ts`): `SignupsAccepted` by outcome, or
 * `SignupsRejected` by problem kind. Each count is written at once as its own EMF line, so
 * nothing is left stored for the end of the invocation.
 *
 * @param request - the request
 * @param dependencies - configuration and the token key
 */
export async function handleSignup(
  request: HttpRequest,
  dependencies: RouteDependencies,
): Promise<APIGatewayProxyStructuredResultV2> {
  const { appUrl, queueUrl, accountsTable } = dependencies.config;
  const html = prefersHtml(request);
  let typed: { email?: string; name?: string } = {};
  const respondToProblem = (problem: Problem, headers: Record<string, string> = {}) => {
    recordSignupRejected(problem.type);
    return html
      ? renderSignupProblemPage(problem, appUrl, typed, headers)
      : respondWithProblem(problem, headers);
  };

  const body = readRequestBody(request, settings.api.maxBodyBytes);
  if (!body.ok) {
    const acceptPost = { 'accept-post': acceptedMediaTypes.join(', ') };
    return respondToProblem(body.problem, body.problem.status === 415 ? acceptPost : {});
  }
  if (html && body.mediaType === 'application/x-www-form-urlencoded') {
    typed = readTypedFields(body.text);
  }
  const signup = parseSignupRequest(body.text, body.mediaType);
  if (!signup.ok) return respondToProblem(signup.problem);
  const { email, name, locale } = signup.request;

  const secret = await resolveTokenSecretOrRespond(request, dependencies);
  if (!secret.ok) {
    // The resolver answers 503 when Secrets Manager fails, 500 for a misconfigured secret.
    recordSignupRejected(
      secret.response.statusCode === 503 ? 'service-unavailable' : 'internal-error',
    );
    return secret.response;
  }

  const logKeys = { requestId: request.requestId, domain: maskDomain(email) };
  try {
    const registered = await registerSignup(
      { email, ...(name === undefined ? {} : { name }), locale: negotiateLocale(request, locale) },
      { tableName: accountsTable, queueUrl, appUrl, tokenSecret: secret.secret, now: Date.now() },
      (error) => logger.error('Email claim could not be released', { ...logKeys, error }),
    );
    if (registered.outcome === 'nothing-sent') {
      logger.info('Signup within the cooldown: nothing queued', logKeys);
    } else {
      logger.info('Email job queued', {
        ...logKeys,
        jobId: registered.id,
        messageId: registered.messageId,
        outcome: registered.outcome,
      });
    }
    recordSignupAccepted(registered.outcome);
    return html
      ? renderCheckInboxPage(email)
      : {
          statusCode: 202,
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
          body: JSON.stringify({ id: registered.id, status: 'queued' }),
        };
  } catch (error) {
    if (error instanceof EnqueueFailedError) {
      logger.error('SQS refused the email job', {
        ...logKeys,
        jobId: error.jobId,
        error: error.cause,
      });
    } else {
      logger.error('The accounts table refused the signup', { ...logKeys, error });
    }
    const { problem, headers } = createServiceUnavailable('The signup could not be queued.');
    return respondToProblem(problem, headers);
  }
}

/** What a posted form held, to show it again on a problem page (escaped there). */
function readTypedFields(text: string): { email?: string; name?: string } {
  const fields = new URLSearchParams(text);
  const email = fields.get('email');
  const name = fields.get('name');
  return {
    ...(email === null ? {} : { email: email.slice(0, 254) }),
    ...(name === null ? {} : { name: name.slice(0, 100) }),
  };
}
