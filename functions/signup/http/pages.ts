import { formatDuration, formatWait } from '../../../emails/format-duration.js';
import type { Locale } from '../../../emails/locales.js';
import { escapeHtml, renderSignupForm, respondWithPage } from './html-page.js';
import { pageTexts } from './page-texts.js';
import type { HttpAnswer, ProblemError } from './problem.js';

/**
 * `GET /`: the signup form. No script or outside resource, so it works under the pages' strict
 * CSP and with scripts off.
 *
 * @param appUrl - the API's public base URL, for the form's target
 */
export function renderSignupPage(appUrl: string, locale: Locale): HttpAnswer {
  const text = pageTexts[locale];
  const action = `${appUrl}/signup`;
  return respondWithPage({
    statusCode: 200,
    locale,
    title: text.signUp,
    content: `<p>${text.signupIntro}</p>\n${renderSignupForm({ action, locale })}`,
    formAction: action,
  });
}

/**
 * The answer to a signup a browser posted: 202 and the same "check your inbox" page whatever
 * became of it, so the page tells no one which addresses exist. Times are worded as the
 * emails word them ("1 hour").
 *
 * @param email - the normalized address, shown back so a typo can be seen
 * @param times - the link's lifetime and the cooldown, in seconds
 */
export function renderCheckInboxPage(
  email: string,
  times: { readonly tokenTtlSeconds: number; readonly resendCooldownSeconds: number },
  locale: Locale,
): HttpAnswer {
  const text = pageTexts[locale];
  const [lifetime, cooldown] = [times.tokenTtlSeconds, times.resendCooldownSeconds].map((seconds) =>
    formatDuration(Math.max(1, Math.round(seconds / 60)), locale),
  );
  return respondWithPage({
    statusCode: 202,
    locale,
    title: text.checkInbox,
    content: text.linkSent(escapeHtml(email), lifetime ?? '', cooldown ?? ''),
  });
}

/**
 * A problem with a signup a browser posted, as a page: what to do, or each field error, and
 * the form again with what was typed. Status and headers are the problem's; a wait comes from
 * its `Retry-After`.
 *
 * @param typed - what the form held, to show again
 */
export function renderSignupProblemPage(
  { problem, headers, kind }: ProblemError,
  appUrl: string,
  typed: { email?: string; name?: string },
  locale: Locale,
): HttpAnswer {
  const text = pageTexts[locale];
  const action = `${appUrl}/signup`;
  const wait = formatWait(Number(headers['retry-after'] ?? 0), locale);
  const [title, detail] =
    kind === 'too-many-signups'
      ? [text.tooManySignups, text.tooManySignupsText(wait)]
      : kind === 'service-unavailable'
        ? [text.tryAgain, text.signupUnavailable(wait)]
        : kind === 'internal-error'
          ? [text.tryAgain, text.internalError]
          : [text.checkForm, text.refusedForm(problem.detail)];
  const details = problem.errors?.length
    ? `<ul class="error">${problem.errors.map((error) => `<li>${escapeHtml(text.fieldError(error))}</li>`).join('')}</ul>`
    : `<p class="error">${escapeHtml(detail)}</p>`;
  return respondWithPage({
    statusCode: problem.status,
    locale,
    title,
    content: `${details}\n${renderSignupForm({ action, locale, ...typed })}`,
    formAction: action,
    headers,
  });
}

/** What a confirmation link holds or became of it; each has its own page. */
export type ConfirmOutcome =
  | { readonly kind: 'pending'; readonly email: string; readonly token: string }
  | { readonly kind: 'confirmed' | 'already-confirmed'; readonly email: string }
  | { readonly kind: 'expired' | 'invalid' | 'not-found' }
  | { readonly kind: 'unavailable'; readonly retryAfterSeconds: number; readonly token?: string };

/**
 * Renders the answer to `GET` and `POST /confirm`: 200 with the button that confirms (a form
 * that posts the token), confirmed now or before; 400 with a form for a new link when the link
 * is expired, invalid or names no account; 503 with `Retry-After` and the button again when a
 * dependency failed.
 */
export function renderConfirmPage(
  outcome: ConfirmOutcome,
  appUrl: string,
  locale: Locale,
): HttpAnswer {
  const text = pageTexts[locale];
  const page = { statusCode: 200, locale };
  const confirmAction = `${appUrl}/confirm`;
  const confirmForm = (token: string) => `<form method="post" action="${escapeHtml(confirmAction)}">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<button type="submit">${text.confirmButton}</button>
</form>`;
  switch (outcome.kind) {
    case 'pending':
      return respondWithPage({
        ...page,
        title: text.confirmTitle,
        content: `${text.confirmPrompt(escapeHtml(outcome.email))}\n${confirmForm(outcome.token)}`,
        formAction: confirmAction,
      });
    case 'confirmed':
      return respondWithPage({
        ...page,
        title: text.confirmed,
        content: text.confirmedText(escapeHtml(outcome.email)),
      });
    case 'already-confirmed':
      return respondWithPage({
        ...page,
        title: text.alreadyConfirmed,
        content: text.alreadyConfirmedText(escapeHtml(outcome.email)),
      });
    case 'unavailable': {
      const { retryAfterSeconds, token } = outcome;
      return respondWithPage({
        statusCode: 503,
        locale,
        title: text.tryAgain,
        content: `<p>${text.confirmUnavailable(formatWait(retryAfterSeconds, locale))}</p>${token === undefined ? '' : `\n${confirmForm(token)}`}`,
        headers: { 'retry-after': String(retryAfterSeconds) },
        ...(token === undefined ? {} : { formAction: confirmAction }),
      });
    }
    default: {
      const { title, what } = text[outcome.kind];
      const action = `${appUrl}/signup`;
      return respondWithPage({
        statusCode: 400,
        locale,
        title,
        content: `<p>${what}</p><p>${text.newLinkPrompt}</p>
${renderSignupForm({ action, locale, withName: false, submitLabel: text.sendNewLink })}`,
        formAction: action,
      });
    }
  }
}
