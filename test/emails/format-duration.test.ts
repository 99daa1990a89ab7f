import { describe, expect, it } from 'vitest';
import { formatDuration, formatWait } from '../../emails/format-duration.js';

describe('formatDuration', () => {
  it.each([
    { minutes: 1, words: '1 minute' },
    { minutes: 45, words: '45 minutes' },
    { minutes: 60, words: '1 hour' },
    { minutes: 90, words: '1 hour and 30 minutes' },
    { minutes: 120, words: '2 hours' },
    { minutes: 1440, words: '1 day' },
    { minutes: 1441, words: '1 day and 1 minute' },
    { minutes: 1501, words: '1 day, 1 hour and 1 minute' },
  ])('writes $minutes minutes as "$words"', ({ minutes, words }) => {
    // Act
    const result = formatDuration(minutes);

    // Assess
    expect(result).toBe(words);
  });

  it.each([0, -5, 1.5, Number.NaN])('refuses %s minutes', (minutes) => {
    // Act
    const act = () => formatDuration(minutes);

    // Assess
    expect(act).toThrow(RangeError);
  });

  it.each([
    { minutes: 1, words: '1 Minute' },
    { minutes: 60, words: '1 Stunde' },
    { minutes: 90, words: '1 Stunde und 30 Minuten' },
    { minutes: 2880, words: '2 Tage' },
    { minutes: 1501, words: '1 Tag, 1 Stunde und 1 Minute' },
  ])('writes $minutes minutes in German as "$words"', ({ minutes, words }) => {
    // Act
    const result = formatDuration(minutes, 'de');

    // Assess
    expect(result).toBe(words);
  });
});

describe('formatWait', () => {
  it.each([
    { seconds: 1, locale: 'en', words: '1 second' },
    { seconds: 5, locale: 'en', words: '5 seconds' },
    { seconds: 5, locale: 'de', words: '5 Sekunden' },
    { seconds: 60, locale: 'en', words: '1 minute' },
    { seconds: 61, locale: 'en', words: '2 minutes' },
    { seconds: 510, locale: 'de', words: '9 Minuten' },
    { seconds: 3600, locale: 'en', words: '1 hour' },
  ] as const)('writes $seconds s in $locale as "$words"', ({ seconds, locale, words }) => {
    // Act & Assess
    expect(formatWait(seconds, locale)).toBe(words);
  });
});
