import { type Attributes, createElement, type ReactElement, type ReactNode } from 'react';
import * as z from 'zod/mini';
import { defaultLocale, type Locale, type LocalizedTexts } from './locales.js';

/** What every template's props may carry: the language to write in (`'en'` when absent). */
export interface LocalizedProps {
  readonly locale?: Locale | undefined;
}

/**
 * What a template file defines, once: its component (with the `PreviewProps` the preview
 * server shows), the schema of its props, and its subject in every locale, fixed or written
 * from the props (a locale without one fails the type-check).
 *
 * @typeParam Schema - a zod schema whose output is the component's props
 */
export interface EmailTemplateDefinition<Schema extends z.core.$ZodType<LocalizedProps>> {
  /** Checks a job's props, which come from the queue and are not trusted. */
  readonly propsSchema: Schema;
  readonly component: ((props: z.output<Schema>) => ReactNode) & {
    readonly PreviewProps: z.output<Schema>;
  };
  readonly subject: LocalizedTexts<string | ((props: z.output<Schema>) => string)>;
}

/** A template as the registry holds it, its props type erased: props are `unknown` there. */
export interface RegisteredEmailTemplate {
  readonly component: { readonly PreviewProps: object };
  readonly subject: LocalizedTexts<unknown>;
  /**
   * Validates props with the template's schema, then picks the subject for their locale and
   * builds the element `render()` turns into HTML.
   *
   * @throws whatever a subject function throws
   */
  prepare(
    props: unknown,
  ):
    | { readonly success: true; readonly subject: string; readonly element: ReactElement }
    | { readonly success: false; readonly issues: readonly z.core.$ZodIssue[] };
}

/**
 * Defines an email template: the one place its component, props schema and subjects are tied
 * together, for the worker, the producers' types, the preview server and the tests. List the
 * result in `emails/templates.ts` to make it sendable.
 */
export function defineEmailTemplate<Schema extends z.core.$ZodType<LocalizedProps>>(
  definition: EmailTemplateDefinition<Schema>,
): EmailTemplateDefinition<Schema> & RegisteredEmailTemplate {
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
