import { defaultLocale, type Locale, type LocalizedTexts } from './locales.js';

interface DurationWords {
  readonly units: readonly { minutes: number; one: string; many: string }[];
  /** The word before the last part, e.g. "and". */
  readonly and: string;
  readonly second: { one: string; many: string };
}

const words: LocalizedTexts<DurationWords> = {
  en: {
    units: [
      { minutes: 24 * 60, one: 'day', many: 'days' },
      { minutes: 60, one: 'hour', many: 'hours' },
      { minutes: 1, one: 'minute', many: 'minutes' },
    ],
    and: 'and',
    second: { one: 'second', many: 'seconds' },
  },
  de: {
    units: [
      { minutes: 24 * 60, one: 'Tag', many: 'Tage' },
      { minutes: 60, one: 'Stunde', many: 'Stunden' },
      { minutes: 1, one: 'Minute', many: 'Minuten' },
    ],
    and: 'und',
    second: { one: 'Sekunde', many: 'Sekunden' },
  },
};

/**
 * Writes a duration for people: `90` → "1 hour and 30 minutes", "1 Stunde und 30 Minuten".
 * Not `Intl.DurationFormat`: it arrives in Node 23, newer than the laptop that previews.
 *
 * @param totalMinutes - a positive whole number of minutes
 * @throws RangeError when `totalMinutes` is not a positive integer
 */
export function formatDuration(totalMinutes: number, locale: Locale = defaultLocale): string {
  if (!Number.isInteger(totalMinutes) || totalMinutes <= 0) {
    throw new RangeError('totalMinutes must be a positive integer');
  }
  const { units, and } = words[locale];
  let rest = totalMinutes;
  const parts: string[] = [];
  for (const unit of units) {
    const count = Math.floor(rest / unit.minutes);
    rest -= count * unit.minutes;
    if (count > 0) parts.push(`${count} ${count === 1 ? unit.one : unit.many}`);
  }
  const last = parts.pop() ?? '';
  return parts.length === 0 ? last : `${parts.join(', ')} ${and} ${last}`;
}

/**
 * Writes a wait for people, as the API's pages say how long to wait (`Retry-After`): under a
 * minute in seconds, else in whole minutes rounded up, as {@link formatDuration} writes them.
 *
 * @param seconds - a positive whole number of seconds
 */
export function formatWait(seconds: number, locale: Locale = defaultLocale): string {
  if (seconds >= 60) return formatDuration(Math.ceil(seconds / 60), locale);
  const { one, many } = words[locale].second;
  return `${seconds} ${seconds === 1 ? one : many}`;
}
