import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { renderConfirmPage } from './confirm-page.js';
import { verifyConfirmationToken } from './confirmation-token.js';
import type { RouteDependencies } from './dependencies.js';
import type { HttpRequest } from './http-request.js';
import { logger } from './logger.js';
import { resolveTokenSecretOrRespond } from './route-responses.js';

/**
 * `GET /confirm?token=…`: verifies the token and answers an HTML page, 200 when confirmed,
 * 400 when the token is missing, invalid or expired. Stateless: nothing is stored yet.
 *
 * @param request - the request
 * @param dependencies - the token key
 */
export async function handleConfirm(
  request: HttpRequest,
  dependencies: RouteDependencies,
): Promise<APIGatewayProxyStructuredResultV2> {
  const token = request.query.token;
  if (token === undefined || token === '')
    return renderConfirmPage({ ok: false, reason: 'invalid' });
  const secret = await resolveTokenSecretOrRespond(request, dependencies);
  if (!secret.ok) return secret.response;
  const result = verifyConfirmationToken(token, { secret: secret.secret });
  logger.info('Confirmation link checked', {
    requestId: request.requestId,
    outcome: result.ok ? 'confirmed' : result.reason,
  });
  return renderConfirmPage(result);
}
