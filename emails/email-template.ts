import { type Attributes, createElement, type ReactElement, type ReactNode } from 'react';
import * as z from 'zod/mini';
import { defaultLocale, type Locale, type LocalizedTexts } from './locales.js';

/** What every template's props may carry: the language to write in (`'en'` when absent). */
export interface LocalizedProps {
  readonly locale?: Locale | undefined;
}

/**
 * A React Email component with the props the preview server (`npm run email:dev`) shows it
 * with: `MyEmail.PreviewProps = { ... } satisfies MyEmailProps`.
 *
 * @typeParam Props - the component's props: what the template's schema outputs
 */
export type EmailComponent<Props> = ((props: Props) => ReactNode) & {
  readonly PreviewProps: Props;
};

/** A subject line, without the deployment's prefix: fixed, or written from the props. */
export type EmailSubject<Props> = string | ((props: Props) => string);

/**
 * What a template file defines, once: its component, the schema of its props and its
 * subject in every locale (a locale without one fails the type-check).
 *
 * @typeParam Schema - a zod schema (`zod/mini`, as the templates here, or classic `zod`)
 *   whose output is the component's props
 */
export interface EmailTemplateDefinition<Schema extends z.core.$ZodType<LocalizedProps>> {
  /** Checks a job's props, which come from the queue and are not trusted. */
  readonly propsSchema: Schema;
  readonly component: EmailComponent<z.output<Schema>>;
  readonly subject: LocalizedTexts<EmailSubject<z.output<Schema>>>;
}

/** The outcome of {@link RegisteredEmailTemplate.prepare}. */
export type PreparedEmail =
  | { readonly success: true; readonly subject: string; readonly element: ReactElement }
  | { readonly success: false; readonly issues: readonly z.core.$ZodIssue[] };

/** A template as the registry holds it, its props type erased: props are `unknown` there. */
export interface RegisteredEmailTemplate {
  readonly component: { readonly PreviewProps: object };
  readonly subject: LocalizedTexts<unknown>;
  /**
   * Validates props with the template's schema, then picks the subject for their locale
   * and builds the element, which `render()` turns into HTML.
   *
   * @param props - a job's props, anything
   * @returns the subject and element, or the schema's issues
   * @throws whatever a subject function throws
   */
  prepare(props: unknown): PreparedEmail;
}

/** One template, typed: see {@link defineEmailTemplate}. */
export type EmailTemplate<Schema extends z.core.$ZodType<LocalizedProps>> =
  EmailTemplateDefinition<Schema> & RegisteredEmailTemplate;

/**
 * Defines an email template: the one place its component, props schema and subjects are
 * tied together, for the worker, the producers' types, the preview server and the tests.
 * List the result in `emails/templates.ts` to make it sendable.
 *
 * @param definition - component (with `PreviewProps`), props schema, subject per locale
 * @returns the definition, with `prepare` for the worker
 */
export function defineEmailTemplate<Schema extends z.core.$ZodType<LocalizedProps>>(
  definition: EmailTemplateDefinition<Schema>,
): EmailTemplate<Schema> {
  return {
    ...definition,
    prepare(props) {
      const result = z.safeParse(definition.propsSchema, props);
      if (!result.success) return { success: false, issues: result.error.issues };
      const subject = definition.subject[result.data.locale ?? defaultLocale];
      return {
        success: true,
        subject: typeof subject === 'function' ? subject(result.data) : subject,
        // createElement's `Attributes & P` is not inferred from a generic P by itself.
        element: createElement(
          definition.component,
          result.data as Attributes & typeof result.data,
        ),
      };
    },
  };
}
