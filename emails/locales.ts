import * as z from 'zod';

/**
 * The languages the emails are written in, as BCP 47 primary language subtags (RFC 5646).
 * English first: it is the default, and the fallback when a request asks for none of these.
 */
export const supportedLocales = ['en', 'de'] as const;

/** One of {@link supportedLocales}. */
export type Locale = (typeof supportedLocales)[number];

/** The locale of a job that names none: jobs queued before emails had a locale stay English. */
export const defaultLocale: Locale = 'en';

/**
 * Validates a locale. Marked pure so that a bundle that does not use it (the worker, whose
 * props schemas use `zod/mini`) leaves zod's classic API out.
 */
export const localeSchema = /* @__PURE__ */ z.enum(supportedLocales);

/**
 * A template's texts in every supported locale: adding a locale fails to compile until each
 * template has it.
 *
 * @typeParam T - the shape of one locale's texts
 */
export type LocalizedTexts<T> = Readonly<Record<Locale, T>>;
