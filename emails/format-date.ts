import type { Locale } from './locales.js';

/**
 * Writes the calendar date of an instant as people of the locale write it: "March 5, 2026"
 * in English, "5. März 2026" in German (`Intl.DateTimeFormat`, `dateStyle: 'long'`).
 *
 * In UTC: the recipient's time zone is not known, and one zone for every email keeps a
 * date the same in the HTML and text parts, on the laptop and in Lambda.
 *
 * @param isoDateTime - an ISO 8601 date-time, e.g. `2026-03-05T09:30:00Z`
 * @param locale - the email's locale
 * @throws RangeError when `isoDateTime` is not a date
 */
export function formatDate(isoDateTime: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(isoDateTime),
  );
}
