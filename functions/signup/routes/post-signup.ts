import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Locale } from '../../../emails/locales.js';
import { countClientSignup } from '../accounts/client-limit.js';
import { registerSignup } from '../accounts/registration.js';
import type { SignupServices } from '../config.js';
import { negotiateLocale, prefersHtml, toSupportedLocale } from '../http/negotiation.js';
import { renderCheckInboxPage, renderSignupProblemPage } from '../http/pages.js';
import { ProblemError } from '../http/problem.js';
import { readRequestBody } from '../http/request-body.js';
import { logger, maskDomain } from '../logger.js';
import { recordSignupAccepted, recordSignupRejected } from '../signup-metrics.js';
import { type LogKeys, resolveTokenKey, toProblemError } from './route-support.js';
import { parseSignupRequest } from './signup-request.js';

/**
 * `POST /signup`: validates the body, registers the signup and queues at most one email (see
 * `registerSignup`), and answers at once; the worker renders and sends.
 *
 * A well-formed signup always gets 202 `{ id, status: "queued" }` (a fresh UUID), whether the
 * address is new, pending, within its cooldown or confirmed, so the answer does not tell
 * whether an address is registered; a client that prefers HTML gets the "check your inbox"
 * page, and its problems as pages. Else: 400/413/415 for bad input (nothing stored or queued),
 * 429 with `Retry-After` past the client's limit (`countClientSignup`; only a valid signup
 * counts, and a refused one claims and queues nothing), 503 with `Retry-After` when a
 * dependency fails, 500 when the token secret is misconfigured.
 * Every answer is counted once, by outcome or by problem kind.
 *
 * @throws ProblemError, for the router's error handler to answer as problem+json
 */
export async function postSignup(event: APIGatewayProxyEventV2, services: SignupServices) {
  const { headers } = event;
  const { config } = services;
  const html = prefersHtml(headers.accept);
  const logKeys: LogKeys = { requestId: event.requestContext.requestId };
  let typed: { email?: string; name?: string; locale?: Locale } = {};
  try {
    const body = readRequestBody(event, headers['content-type'], config.maxBodyBytes);
    if (html && body.mediaType === 'application/x-www-form-urlencoded') {
      typed = readTypedFields(body.text);
    }
    const { email, name, locale } = parseSignupRequest(body);
    logKeys.domain = maskDomain(email);
    const failed = (error: unknown): never => {
      throw toProblemError(error, {
        logKeys,
        logMessage: 'The accounts table refused the signup',
        detail: 'The signup could not be queued.',
        retryAfterSeconds: config.retryAfterSeconds,
      });
    };
    const now = Date.now();
    await countClientSignup(event.requestContext.http.sourceIp, { ...config, now }).catch(failed);
    const tokenKey = await resolveTokenKey(services, logKeys);
    const signup = { email, name, locale: negotiateLocale(headers['accept-language'], locale) };
    const registered = await registerSignup(signup, { ...config, tokenKey, now }, (error) =>
      logger.error('Email claim could not be released', { ...logKeys, error }),
    ).catch(failed);
    const { id, outcome, messageId } = registered;
    if (outcome === 'nothing-sent') {
      logger.info('Signup within the cooldown: nothing queued', logKeys);
    } else {
      logger.info('Email job queued', { ...logKeys, jobId: id, messageId, outcome });
    }
    recordSignupAccepted(outcome);
    if (html) return renderCheckInboxPage(email, config, signup.locale);
    return {
      statusCode: 202,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      body: JSON.stringify({ id, status: 'queued' }),
    };
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    recordSignupRejected(error.kind);
    if (html) {
      const { locale, ...values } = typed;
      const pageLocale = negotiateLocale(headers['accept-language'], locale);
      return renderSignupProblemPage(error, config.appUrl, values, pageLocale);
    }
    throw error;
  }
}

/**
 * What a posted form held, to show it again on a problem page (escaped there), and its locale,
 * for the page's language.
 */
function readTypedFields(text: string): { email?: string; name?: string; locale?: Locale } {
  const fields = new URLSearchParams(text);
  const email = fields.get('email');
  const name = fields.get('name');
  const locale = toSupportedLocale(fields.get('locale') ?? '');
  return {
    ...(email === null ? {} : { email: email.slice(0, 254) }),
    ...(name === null ? {} : { name: [...name].slice(0, 100).join('') }),
    ...(locale === undefined ? {} : { locale }),
  };
}
