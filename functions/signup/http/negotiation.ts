import Negotiator from 'negotiator';
import { defaultLocale, type Locale, supportedLocales } from '../../../emails/locales.js';

/**
 * Whether `Accept` ranks `text/html` above `application/json` (RFC 9110 §12.5.1; parsed by
 * `negotiator`, as Express does): a browser's form post gets a page, while `curl`, `fetch` and
 * no `Accept` (`*\/*`) tie, and a tie keeps the API's JSON.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  return (
    new Negotiator({ headers: { accept } }).mediaType(['application/json', 'text/html']) ===
    'text/html'
  );
}

/**
 * Picks the emails' language: the body's `locale` when given, else the best match of
 * `Accept-Language` (RFC 9110 §12.5.4, RFC 4647 §3.3.1 basic filtering: `de-AT` matches
 * `de`), else English.
 */
export function negotiateLocale(acceptLanguage: string | undefined, requested?: Locale): Locale {
  if (requested !== undefined) return requested;
  if (acceptLanguage === undefined) return defaultLocale;
  const match = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language([
    ...supportedLocales,
  ]);
  return supportedLocales.find((locale) => locale === match) ?? defaultLocale;
}

/**
 * The supported locale a `locale` field names: a well-formed BCP 47 tag (RFC 5646) of a
 * supported primary language, any case (`de-CH`, `EN`); undefined for any other, and for text
 * that is no tag (`de_DE.UTF-8`, `de-$$$`), which `Intl.getCanonicalLocales` refuses.
 */
export function toSupportedLocale(value: string): Locale | undefined {
  let tag: string | undefined;
  try {
    [tag] = Intl.getCanonicalLocales(value.trim());
  } catch {
    return undefined;
  }
  const language = tag?.split('-')[0];
  return supportedLocales.find((locale) => locale === language);
}
