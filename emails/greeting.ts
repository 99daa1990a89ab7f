import type { Locale, LocalizedTexts } from './locales.js';

const greetings: LocalizedTexts<(name: string | undefined) => string> = {
  en: (name) => (name ? `Hi ${name},` : 'Hello,'),
  de: (name) => (name ? `Hallo ${name},` : 'Guten Tag,'),
};

/**
 * The salutation every email opens with: by name, or neutral when the name is omitted or
 * blank. One string, as adjacent JSX text nodes render with `<!-- -->` between them.
 */
export function formatGreeting(name: string | undefined, locale: Locale): string {
  return greetings[locale](name?.trim());
}
