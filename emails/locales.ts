/** The languages of the emails, as BCP 47 primary language subtags (RFC 5646); English first. */
export const supportedLocales = ['en', 'de'] as const;

/** A supported language, e.g. `de`. */
export type Locale = (typeof supportedLocales)[number];

/** The locale of a job that names none, and the fallback when a request asks for none of these. */
export const defaultLocale: Locale = 'en';

/** Texts in every supported locale: adding a locale fails to compile until each template has it. */
export type LocalizedTexts<T> = Readonly<Record<Locale, T>>;
