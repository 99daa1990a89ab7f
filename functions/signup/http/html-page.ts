import type { Locale } from '../../../emails/locales.js';
import { pageTexts } from './page-texts.js';
import type { HttpAnswer } from './problem.js';

/** Escapes untrusted text for HTML content and quoted attribute values (`&<>"'`). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** One HTML page the API answers; see {@link respondWithPage}. */
export interface HtmlPage {
  readonly statusCode: number;
  /** The page's language (`<html lang>`). */
  readonly locale: Locale;
  /** The title and heading; plain text. */
  readonly title: string;
  /** The content below the heading: HTML, every piece of outside text escaped. */
  readonly content: string;
  /** Where the page's form posts to, the only origin `form-action` allows. @default - no form */
  readonly formAction?: string;
  /** Extra headers, e.g. `Retry-After`. */
  readonly headers?: Record<string, string>;
}

/**
 * Answers a small, self-contained HTML page. The confirmation link carries its token in the
 * query string, so no page may leak it (`Referrer-Policy: no-referrer`), be cached or load
 * anything: the CSP allows only the page's inline style, a form only to post to the API, and
 * no frame (CSP Level 3, `form-action`, `frame-ancestors`).
 */
export function respondWithPage(page: HtmlPage): HttpAnswer {
  const formAction = page.formAction === undefined ? "'none'" : new URL(page.formAction).origin;
  return {
    statusCode: page.statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action ${formAction}; frame-ancestors 'none'`,
      ...page.headers,
    },
    body: renderDocument(page),
  };
}

/**
 * Renders the signup form in the page's language: an email and an optional name field that
 * post to `POST /signup` as `application/x-www-form-urlencoded`, the browser's default, with
 * the page's locale as a hidden field, so the emails speak the language the form did. The
 * name's `maxlength` counts UTF-16 units (HTML), so it is twice the API's 100 characters.
 *
 * @param values - the target (`${APP_URL}/signup`), the locale, prefilled values, the button's
 *   label (@default the locale's "Sign up") and whether to show the name field (@default true)
 */
export function renderSignupForm(values: {
  readonly action: string;
  readonly locale: Locale;
  readonly email?: string;
  readonly name?: string;
  readonly submitLabel?: string;
  readonly withName?: boolean;
}): string {
  const text = pageTexts[values.locale];
  const nameField =
    values.withName === false
      ? ''
      : `<label for="name">${text.name} <span class="hint">${text.optional}</span></label>
<input id="name" name="name" type="text" autocomplete="name" maxlength="200" value="${escapeHtml(values.name ?? '')}">`;
  return `<form method="post" action="${escapeHtml(values.action)}">
<input type="hidden" name="locale" value="${values.locale}">
<label for="email">${text.email}</label>
<input id="email" name="email" type="email" autocomplete="email" required maxlength="254" value="${escapeHtml(values.email ?? '')}">
${nameField}
<button type="submit">${escapeHtml(values.submitLabel ?? text.signUp)}</button>
</form>`;
}

function renderDocument({ title, content, locale }: HtmlPage): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0; padding: 2rem 1rem; background: #f6f7f9; color: #1f2328; }
main { max-width: 32rem; margin: 0 auto; background: #fff; border-radius: 8px; padding: 1.5rem 2rem; }
h1 { font-size: 1.4rem; margin-top: 0; }
strong { overflow-wrap: anywhere; }
form { display: grid; gap: 0.5rem; margin-top: 1rem; }
label { font-weight: 600; }
.hint { font-weight: 400; color: #59636e; }
input { font: inherit; padding: 0.5rem; border: 1px solid #d1d9e0; border-radius: 6px; }
button { font: inherit; font-weight: 600; margin-top: 0.5rem; padding: 0.6rem 1rem; border: 0; border-radius: 6px; background: #2754c5; color: #fff; cursor: pointer; }
.error { color: #b42318; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${content}
</main>
</body>
</html>
`;
}
