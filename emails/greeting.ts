import type { Locale, LocalizedTexts } from './locales.js';

const greetings: LocalizedTexts<(name: string | undefined) => string> = {
  en: (name) => (name ? `Hi ${name},` : 'Hello,'),
  de: (name) => (name ? `Hallo ${name},` : 'Guten Tag,'),
};

/**
 * The salutation every email opens with: by name when there is one, neutral when the name
 * is omitted or blank.
 *
 * One string, not `Hi {name},` in JSX: adjacent JSX text nodes render with `<!-- -->`
 * between them.
 *
 * @param name - the person's name as the props carry it; surrounding white space is ignored
 * @param locale - the language of the email
 */
export function formatGreeting(name: string | undefined, locale: Locale): string {
  return greetings[locale](name?.trim());
}
