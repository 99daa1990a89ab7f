import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Locale } from '../../../emails/locales.js';
import { readAccount } from '../accounts/account-store.js';
import { confirmSignup } from '../accounts/confirmation.js';
import { verifyConfirmationToken } from '../accounts/confirmation-token.js';
import type { SignupServices } from '../config.js';
import { negotiateLocale } from '../http/negotiation.js';
import { type ConfirmOutcome, renderConfirmPage } from '../http/pages.js';
import { ProblemError } from '../http/problem.js';
import { readRequestBody } from '../http/request-body.js';
import { logger, maskDomain } from '../logger.js';
import { type LogKeys, resolveTokenKey, toProblemError } from './route-support.js';

/**
 * `GET` (and `HEAD`) `/confirm?token=…`, the emailed link: checks the token and shows the page
 * whose one button confirms (a form that posts the token to `POST /confirm`). It writes
 * nothing and queues nothing, so a mail scanner or link previewer that opens every link
 * confirms nothing; it reads the account, to say so when it is confirmed already.
 *
 * @throws ProblemError (500) when the token secret is misconfigured
 */
export function getConfirm(event: APIGatewayProxyEventV2, services: SignupServices) {
  return answerConfirmation(event, services, event.queryStringParameters?.token, {
    logMessage: 'Confirmation link opened',
    act: async (email, token) => {
      const account = await readAccount(email, services.config);
      if (account === undefined) return { kind: 'not-found' };
      return account.status === 'confirmed'
        ? { kind: 'already-confirmed', email }
        : { kind: 'pending', email, token };
    },
  });
}

/**
 * `POST /confirm` (a form, `token=…`), the page's button: confirms the account once and queues
 * its welcome (see `confirmSignup`). A body that holds no token is an invalid link.
 *
 * @throws ProblemError (500) when the token secret is misconfigured
 */
export function postConfirm(event: APIGatewayProxyEventV2, services: SignupServices) {
  return answerConfirmation(event, services, readPostedToken(event, services), {
    logMessage: 'Confirmation posted',
    act: async (email, _, logKeys) => {
      const now = Date.now();
      const result = await confirmSignup(email, { ...services.config, now }, (error) =>
        logger.error('Confirmation could not be reverted', { ...logKeys, error }),
      );
      if (result.outcome === 'confirmed') logKeys.jobId = result.jobId;
      return result.outcome === 'not-found'
        ? { kind: 'not-found' }
        : { kind: result.outcome, email };
    },
  });
}

/**
 * Verifies the token and answers the page of `act`'s outcome, in the token's language (else
 * `Accept-Language`'s). Logs the outcome, never the token or the address (its masked domain).
 */
async function answerConfirmation(
  event: APIGatewayProxyEventV2,
  services: SignupServices,
  token: string | undefined,
  handling: {
    readonly logMessage: string;
    readonly act: (email: string, token: string, logKeys: LogKeys) => Promise<ConfirmOutcome>;
  },
) {
  const { config } = services;
  const logKeys: LogKeys = { requestId: event.requestContext.requestId };
  let locale: Locale = negotiateLocale(event.headers['accept-language']);
  const answer = (outcome: ConfirmOutcome) => {
    logger.info(handling.logMessage, { outcome: outcome.kind, ...logKeys });
    return renderConfirmPage(outcome, config.appUrl, locale);
  };
  // Not a string only in an event API Gateway does not send; still a 400, not a 5xx.
  if (typeof token !== 'string' || token === '') return answer({ kind: 'invalid' });
  try {
    const verified = verifyConfirmationToken(token, {
      secret: await resolveTokenKey(services, logKeys),
    });
    if (!verified.ok) return answer({ kind: verified.reason });
    locale = negotiateLocale(event.headers['accept-language'], verified.locale);
    logKeys.domain = maskDomain(verified.email);
    return answer(await handling.act(verified.email, token, logKeys));
  } catch (error) {
    const { retryAfterSeconds } = config;
    const problem = toProblemError(error, {
      logKeys,
      logMessage: 'The accounts table refused the confirmation',
      retryAfterSeconds,
    });
    // The page has the button again; a 500 (the secret holds no key) stays a problem.
    if (problem.kind !== 'service-unavailable') throw problem;
    return answer({ kind: 'unavailable', retryAfterSeconds, token });
  }
}

/** The `token` field of a posted form; undefined for any other body. */
function readPostedToken(event: APIGatewayProxyEventV2, { config }: SignupServices) {
  try {
    const body = readRequestBody(event, event.headers['content-type'], config.maxBodyBytes);
    if (body.mediaType !== 'application/x-www-form-urlencoded') return undefined;
    return new URLSearchParams(body.text).get('token') ?? undefined;
  } catch (error) {
    if (error instanceof ProblemError) return undefined;
    throw error;
  }
}
