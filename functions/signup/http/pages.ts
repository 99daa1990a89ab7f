import { escapeHtml, renderSignupForm, respondWithPage } from './html-page.js';
import type { HttpAnswer, ProblemError } from './problem.js';

/**
 * `GET /`: the signup form. No script or outside resource, so it works under the pages' strict
 * CSP and with scripts off.
 *
 * @param appUrl - the API's public base URL, for the form's target
 */
export function renderSignupPage(appUrl: string): HttpAnswer {
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
 * The answer to a signup a browser posted: 202 and the same "check your inbox" page whatever
 * became of it, so the page tells no one which addresses exist.
 *
 * @param email - the normalized address, shown back so a typo can be seen
 * @param times - the link's lifetime and the cooldown, in seconds
 */
export function renderCheckInboxPage(
  email: string,
  times: { readonly tokenTtlSeconds: number; readonly resendCooldownSeconds: number },
): HttpAnswer {
  const linkMinutes = Math.round(times.tokenTtlSeconds / 60);
  const cooldownMinutes = Math.round(times.resendCooldownSeconds / 60);
  return respondWithPage({
    statusCode: 202,
    title: 'Check your inbox',
    content: `<p>If <strong>${escapeHtml(email)}</strong> can receive email, a message is on its way to it. Open the link in it within ${linkMinutes} minutes to confirm your address.</p>
<p>Nothing there after a few minutes? Look in your spam folder. You can ask for another email after ${cooldownMinutes} minutes; asking sooner sends nothing.</p>`,
  });
}

/**
 * A problem with a signup a browser posted, as a page: the detail or each field error, and the
 * form again with what was typed. Status and headers are the problem's.
 *
 * @param typed - what the form held, to show again
 */
export function renderSignupProblemPage(
  { problem, headers }: ProblemError,
  appUrl: string,
  typed: { email?: string; name?: string },
): HttpAnswer {
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

/** What became of a confirmation link; each has its own page. */
export type ConfirmOutcome =
  | { readonly kind: 'confirmed' | 'already-confirmed'; readonly email: string }
  | { readonly kind: 'expired' | 'invalid' | 'not-found' }
  | { readonly kind: 'unavailable'; readonly retryAfterSeconds: number };

const newLinkReasons = {
  expired: { title: 'Link expired', what: 'This confirmation link has expired.' },
  invalid: {
    title: 'Link not valid',
    what: 'This confirmation link is not valid. It may have been cut short or changed.',
  },
  'not-found': {
    title: 'Link not valid',
    what: 'This confirmation link is no longer valid: it belongs to a signup we no longer hold.',
  },
} as const;

/**
 * Renders the answer to `GET /confirm`: 200 confirmed now or before (a link used twice), 400
 * with a form for a new link when the link is expired, invalid or names no account, 503 with
 * `Retry-After` when opening it again may work.
 */
export function renderConfirmPage(outcome: ConfirmOutcome, appUrl: string): HttpAnswer {
  switch (outcome.kind) {
    case 'confirmed':
      return respondWithPage({
        statusCode: 200,
        title: 'Email address confirmed',
        content: `<p>Thank you. <strong>${escapeHtml(outcome.email)}</strong> is confirmed.</p><p>A welcome email is on its way.</p>`,
      });
    case 'already-confirmed':
      return respondWithPage({
        statusCode: 200,
        title: 'Already confirmed',
        content: `<p>This link has been used before: <strong>${escapeHtml(outcome.email)}</strong> is already confirmed.</p><p>There is nothing more to do.</p>`,
      });
    case 'unavailable':
      return respondWithPage({
        statusCode: 503,
        title: 'Please try again',
        content: `<p>We could not confirm your address just now. Open the link again in ${outcome.retryAfterSeconds} seconds.</p>`,
        headers: { 'retry-after': String(outcome.retryAfterSeconds) },
      });
    default: {
      const { title, what } = newLinkReasons[outcome.kind];
      const action = `${appUrl}/signup`;
      return respondWithPage({
        statusCode: 400,
        title,
        content: `<p>${what}</p><p>Sign up again to get a new link by email:</p>
${renderSignupForm({ action, withName: false, submitLabel: 'Send me a new link' })}`,
        formAction: action,
      });
    }
  }
}
