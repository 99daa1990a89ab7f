import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { confirmSignup } from '../accounts/confirmation.js';
import { verifyConfirmationToken } from '../accounts/confirmation-token.js';
import type { SignupServices } from '../config.js';
import { renderConfirmPage } from '../http/pages.js';
import { logger, maskDomain } from '../logger.js';
import { type LogKeys, resolveTokenKey, toProblemError } from './route-support.js';

/**
 * `GET /confirm?token=…`: verifies the token, confirms the account once and queues its welcome
 * (see `confirmSignup`), and answers a page (see `renderConfirmPage`).
 *
 * @throws ProblemError (500) when the token secret is misconfigured
 */
export async function getConfirm(event: APIGatewayProxyEventV2, services: SignupServices) {
  const { config } = services;
  const token = event.queryStringParameters?.token;
  // Not a string only in an event API Gateway does not send; still a 400, not a 5xx.
  if (typeof token !== 'string' || token === '') {
    return renderConfirmPage({ kind: 'invalid' }, config.appUrl);
  }
  const logKeys: LogKeys = { requestId: event.requestContext.requestId };
  try {
    const verified = verifyConfirmationToken(token, {
      secret: await resolveTokenKey(services, logKeys),
    });
    if (!verified.ok) {
      logger.info('Confirmation link checked', { ...logKeys, outcome: verified.reason });
      return renderConfirmPage({ kind: verified.reason }, config.appUrl);
    }
    const { email } = verified;
    logKeys.domain = maskDomain(email);
    const result = await confirmSignup(email, { ...config, now: Date.now() }, (error) =>
      logger.error('Confirmation could not be reverted', { ...logKeys, error }),
    );
    logger.info('Confirmation link checked', { ...logKeys, ...result });
    return renderConfirmPage(
      result.outcome === 'not-found' ? { kind: 'not-found' } : { kind: result.outcome, email },
      config.appUrl,
    );
  } catch (error) {
    const { retryAfterSeconds } = config;
    const problem = toProblemError(error, {
      logKeys,
      logMessage: 'The accounts table refused the confirmation',
      retryAfterSeconds,
    });
    // The page says to open the link again; a 500 (the secret holds no key) stays a problem.
    if (problem.kind !== 'service-unavailable') throw problem;
    return renderConfirmPage({ kind: 'unavailable', retryAfterSeconds }, config.appUrl);
  }
}
