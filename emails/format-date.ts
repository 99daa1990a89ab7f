import type { Locale } from './locales.js';

/**
 * Writes the date of an instant as the locale does ("March 5, 2026", "5. März 2026"), in UTC:
 * the recipient's zone is unknown, and one zone keeps a date the same everywhere.
 *
 * @param isoDateTime - an ISO 8601 date-time, e.g. `2026-03-05T09:30:00Z`
 * @throws RangeError when `isoDateTime` is not a date
 */
export function formatDate(isoDateTime: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(isoDateTime),
  );
}
