import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ConfirmationTokenResult } from './confirmation-token.js';

/**
 * Headers of the confirmation page. The link carries its token in the query string, so the
 * page must not leak it onward (`Referrer-Policy`), be cached (`Cache-Control`) or load
 * anything (`Content-Security-Policy` allows only its own inline style).
 */
const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
} as const;

/**
 * Escapes text for HTML element content and quoted attribute values (the five characters the
 * HTML Living Standard's serializer escapes, plus `'`).
 *
 * @param text - untrusted text
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * Renders the answer to `GET /confirm`: 200 with the confirmed address, or 400 saying the
 * link is expired or invalid and that signing up again sends a new one.
 *
 * @param result - the outcome of verifying the token
 */
export function renderConfirmPage(
  result: ConfirmationTokenResult,
): APIGatewayProxyStructuredResultV2 {
  if (result.ok) {
    return {
      statusCode: 200,
      headers: { ...pageHeaders },
      body: renderPage(
        'Email address confirmed',
        `<p>Thank you. <strong>${escapeHtml(result.email)}</strong> is confirmed.</p>`,
      ),
    };
  }
  const what =
    result.reason === 'expired'
      ? 'This confirmation link has expired.'
      : 'This confirmation link is not valid. It may have been cut short or changed.';
  return {
    statusCode: 400,
    headers: { ...pageHeaders },
    body: renderPage(
      'Link not valid',
      `<p>${what}</p><p>Sign up again to get a new link by email.</p>`,
    ),
  };
}

function renderPage(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0; padding: 2rem 1rem; background: #f6f7f9; color: #1f2328; }
main { max-width: 32rem; margin: 0 auto; background: #fff; border-radius: 8px; padding: 1.5rem 2rem; }
h1 { font-size: 1.4rem; margin-top: 0; }
strong { overflow-wrap: anywhere; }
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
