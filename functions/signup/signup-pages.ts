import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { settings } from '../../lib/settings.js';
import { escapeHtml, renderSignupForm, respondWithPage } from './html-page.js';
import type { Problem } from './problem.js';

/**
 * `GET /`: the signup page, a form with an email and an optional name field that posts to
 * `POST /signup`. Self-contained (no script, no outside resource), so it works under the
 * strict `Content-Security-Policy` of every page and with scripts off.
 *
 * @param appUrl - the API's public base URL, for the form's target
 */
export function renderSignupPage(appUrl: string): APIGatewayProxyStructuredResultV2 {
  const action = `${appUrl}/signup`;
  return respondWithPage({
    statusCode: 200,
    title: 'Sign up',
    content: `<p>Enter your email address. We will send you a link to confirm it.</p>
${renderSignupForm({ action })}`,
    formAction: action,
  });
}

/**
 * The answer to a signup a browser posted (it prefers HTML, see `prefersHtml`): 202 and the
 * same "check your inbox" page whatever became of the signup — a new account, a link sent
 * again, a cooldown, a confirmed address — so the page tells no one which addresses exist.
 *
 * @param email - the normalized address, shown back so a typo can be seen
 */
export function renderCheckInboxPage(email: string): APIGatewayProxyStructuredResultV2 {
  const cooldownMinutes = Math.round(settings.accounts.resendCooldownSeconds / 60);
  const linkMinutes = Math.round(settings.token.ttlSeconds / 60);
  return respondWithPage({
    statusCode: 202,
    title: 'Check your inbox',
    content: `<p>If <strong>${escapeHtml(email)}</strong> can receive email, a message is on its way to it. Open the link in it within ${linkMinutes} minutes to confirm your address.</p>
<p>Nothing there after a few minutes? Look in your spam folder. You can ask for another email after ${cooldownMinutes} minutes; asking sooner sends nothing.</p>`,
  });
}

/**
 * A problem with a signup a browser posted, as a page: the problem's detail and each field
 * error, and the form again with what was typed, so the person can correct it. Status and
 * extra headers (`Retry-After`, `Accept-Post`) are the problem's.
 *
 * @param problem - the problem the JSON API would answer
 * @param appUrl - the API's public base URL, for the form's target
 * @param typed - what the form held, to show again
 * @param headers - the problem response's extra headers
 */
export function renderSignupProblemPage(
  problem: Problem,
  appUrl: string,
  typed: { email?: string; name?: string },
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  const action = `${appUrl}/signup`;
  const details = problem.errors?.length
    ? `<ul class="error">${problem.errors.map((error) => `<li>${escapeHtml(error.detail)}</li>`).join('')}</ul>`
    : `<p class="error">${escapeHtml(problem.detail)}</p>`;
  return respondWithPage({
    statusCode: problem.status,
    title: problem.status >= 500 ? 'Please try again' : 'Please check the form',
    content: `${details}\n${renderSignupForm({ action, ...typed })}`,
    formAction: action,
    headers,
  });
}
