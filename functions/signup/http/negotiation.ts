import Negotiator from 'negotiator';
import { defaultLocale, type Locale, supportedLocales } from '../../../emails/locales.js';

/**
 * Whether the client would rather have an HTML page than JSON: `Accept` ranks `text/html`
 * above `application/json` (RFC 9110 §12.5.1, quality values and specificity; parsed by
 * `negotiator`, as Express does). A browser's form post sends
 * `text/html,…,*\/*;q=0.8` and gets a page; `curl`, `fetch` and requests with no `Accept`
 * (`*\/*`) tie, and a tie keeps the API's JSON.
 *
 * @param accept - the `Accept` header, if any
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  return (
    new Negotiator({ headers: { accept } }).mediaType(['application/json', 'text/html']) ===
    'text/html'
  );
}

/**
 * Picks the language of the emails: the request's explicit choice (the `locale` field) when
 * given, else the best match of `Accept-Language` among the supported locales (RFC 9110
 * §12.5.4, with the basic filtering of RFC 4647 §3.3.1: `de-AT` matches `de`), else English.
 *
 * @param acceptLanguage - the `Accept-Language` header, if any
 * @param requested - the locale the body names, if any
 */
export function negotiateLocale(acceptLanguage: string | undefined, requested?: Locale): Locale {
  if (requested !== undefined) return requested;
  if (acceptLanguage === undefined) return defaultLocale;
  const match = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language([
    ...supportedLocales,
  ]);
  return supportedLocales.find((locale) => locale === match) ?? defaultLocale;
}
