import { defaultLocale, type Locale, type LocalizedTexts } from './locales.js';

interface DurationWords {
  readonly units: readonly { minutes: number; one: string; many: string }[];
  /** The word before the last part, e.g. "and". */
  readonly and: string;
}

const words: LocalizedTexts<DurationWords> = {
  en: {
    units: [
      { minutes: 24 * 60, one: 'day', many: 'days' },
      { minutes: 60, one: 'hour', many: 'hours' },
      { minutes: 1, one: 'minute', many: 'minutes' },
    ],
    and: 'and',
  },
  de: {
    units: [
      { minutes: 24 * 60, one: 'Tag', many: 'Tage' },
      { minutes: 60, one: 'Stunde', many: 'Stunden' },
      { minutes: 1, one: 'Minute', many: 'Minuten' },
    ],
    and: 'und',
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
