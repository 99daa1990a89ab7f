import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { renderConfirmPage } from './confirm-page.js';
import { confirmSignup } from './confirm-signup.js';
import { verifyConfirmationToken } from './confirmation-token.js';
import type { RouteDependencies } from './dependencies.js';
import { EnqueueFailedError } from './enqueue-email-job.js';
import type { HttpRequest } from './http-request.js';
import { logger, maskDomain } from './logger.js';
import { resolveTokenSecretOrRespond } from './route-responses.js';

/**
 * `GET /confirm?token=…`: verifies the token (MAC in constant time, then expiry), confirms
 * the account once and queues its welcome email (see `confirmSignup`), and answers an HTML
 * page: 200 confirmed, 200 already confirmed (a link used twice), 400 with a form for a new
 * link when the token is missing, invalid or expired or names no account, 503 when DynamoDB
 * or SQS failed.
 *
 * @param request - the request
 * @param dependencies - configuration and the token key
 */
export async function handleConfirm(
  request: HttpRequest,
  dependencies: RouteDependencies,
): Promise<APIGatewayProxyStructuredResultV2> {
  const { appUrl, accountsTable, queueUrl } = dependencies.config;
  const token = request.query.token;
  if (token === undefined || token === '') return renderConfirmPage({ kind: 'invalid' }, appUrl);
  const secret = await resolveTokenSecretOrRespond(request, dependencies);
  if (!secret.ok) return secret.response;
  const verified = verifyConfirmationToken(token, { secret: secret.secret });
  if (!verified.ok) {
    logger.info('Confirmation link checked', {
      requestId: request.requestId,
      outcome: verified.reason,
    });
    return renderConfirmPage({ kind: verified.reason }, appUrl);
  }

  const logKeys = { requestId: request.requestId, domain: maskDomain(verified.email) };
  try {
    const result = await confirmSignup(
      verified.email,
      { tableName: accountsTable, queueUrl, appUrl, now: Date.now() },
      (error) => logger.error('Confirmation could not be reverted', { ...logKeys, error }),
    );
    logger.info('Confirmation link checked', { ...logKeys, ...result });
    return renderConfirmPage(
      result.outcome === 'not-found'
        ? { kind: 'not-found' }
        : { kind: result.outcome, email: verified.email },
      appUrl,
    );
  } catch (error) {
    if (error instanceof EnqueueFailedError) {
      logger.error('SQS refused the welcome job', {
        ...logKeys,
        jobId: error.jobId,
        error: error.cause,
      });
    } else {
      logger.error('The accounts table refused the confirmation', { ...logKeys, error });
    }
    return renderConfirmPage({ kind: 'unavailable' }, appUrl);
  }
}
