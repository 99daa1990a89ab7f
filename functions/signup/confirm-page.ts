import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { settings } from '../../lib/settings.js';
import { escapeHtml, renderSignupForm, respondWithPage } from './html-page.js';

/** What became of a confirmation link; each has its own page. */
export type ConfirmOutcome =
  | { readonly kind: 'confirmed'; readonly email: string }
  | { readonly kind: 'already-confirmed'; readonly email: string }
  | { readonly kind: 'expired' | 'invalid' | 'not-found' }
  | { readonly kind: 'unavailable' };

/**
 * Renders the answer to `GET /confirm`: 200 when the address is confirmed now or was before
 * (a link used twice), 400 when the link is expired, invalid or names no account — with a
 * form that posts the address to `POST /signup` for a new link — and 503 with `Retry-After`
 * when a dependency failed and opening the link again may work.
 *
 * @param outcome - what the route found
 * @param appUrl - the API's public base URL, for the form's target
 */
export function renderConfirmPage(
  outcome: ConfirmOutcome,
  appUrl: string,
): APIGatewayProxyStructuredResultV2 {
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
    case 'unavailable': {
      const { retryAfterSeconds } = settings.api;
      return respondWithPage({
        statusCode: 503,
        title: 'Please try again',
        content: `<p>We could not confirm your address just now. Open the link again in ${retryAfterSeconds} seconds.</p>`,
        headers: { 'retry-after': String(retryAfterSeconds) },
      });
    }
    default:
      return renderNewLinkPage(outcome.kind, appUrl);
  }
}

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

function renderNewLinkPage(
  reason: keyof typeof newLinkReasons,
  appUrl: string,
): APIGatewayProxyStructuredResultV2 {
  const { title, what } = newLinkReasons[reason];
  const action = `${appUrl}/signup`;
  return respondWithPage({
    statusCode: 400,
    title,
    content: `<p>${what}</p><p>Sign up again to get a new link by email:</p>
${renderSignupForm({ action, withName: false, submitLabel: 'Send me a new link' })}`,
    formAction: action,
  });
}
