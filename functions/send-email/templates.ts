import { createElement, type FunctionComponent, type ReactElement } from 'react';
import type { z } from 'zod';
import AlreadyRegisteredEmail, {
  alreadyRegisteredEmailPropsSchema,
  selectAlreadyRegisteredEmailSubject,
} from '../../emails/already-registered.js';
import VerifyEmail, {
  selectVerifyEmailSubject,
  verifyEmailPropsSchema,
} from '../../emails/verify-email.js';
import WelcomeEmail, {
  selectWelcomeEmailSubject,
  welcomeEmailPropsSchema,
} from '../../emails/welcome.js';

/**
 * One email template as the worker knows it: the schema its props must pass, its subject
 * (without the deployment's prefix) and the React Email component that renders it.
 *
 * @typeParam P - the component's props
 */
export interface EmailTemplate<P extends object> {
  /** Validates the job's `props`; the queue is not trusted to carry valid ones. */
  readonly propsSchema: z.ZodType<P>;
  /** The subject line for these props. */
  readonly subject: (props: P) => string;
  /** The React Email component. */
  readonly component: FunctionComponent<P>;
}

/** A template ready to render: its subject and the element built from validated props. */
export interface PreparedEmail {
  readonly subject: string;
  readonly element: ReactElement;
}

/** What {@link RegisteredTemplate.prepare} returns: the email, or the schema's issues. */
export type PrepareResult =
  | { readonly success: true; readonly email: PreparedEmail }
  | { readonly success: false; readonly issues: readonly z.core.$ZodIssue[] };

/**
 * A template in the registry, its props type erased: it validates the `unknown` props of a
 * job with its own schema before it builds anything.
 */
export interface RegisteredTemplate {
  /** Validates `props` and, when they pass, builds the subject and element. */
  readonly prepare: (props: unknown) => PrepareResult;
}

function registerTemplate<P extends object>(template: EmailTemplate<P>): RegisteredTemplate {
  return {
    prepare(props) {
      const result = template.propsSchema.safeParse(props);
      if (!result.success) return { success: false, issues: result.error.issues };
      return {
        success: true,
        email: {
          subject: template.subject(result.data),
          element: createElement(template.component, result.data),
        },
      };
    },
  };
}

// A Map, not an object literal: a job's `template` is untrusted, and a name such as
// `constructor` or `__proto__` must not resolve to something on Object.prototype.
const registry: ReadonlyMap<string, RegisteredTemplate> = new Map([
  [
    'verify-email',
    registerTemplate({
      propsSchema: verifyEmailPropsSchema,
      subject: selectVerifyEmailSubject,
      component: VerifyEmail,
    }),
  ],
  [
    'welcome',
    registerTemplate({
      propsSchema: welcomeEmailPropsSchema,
      subject: selectWelcomeEmailSubject,
      component: WelcomeEmail,
    }),
  ],
  [
    'already-registered',
    registerTemplate({
      propsSchema: alreadyRegisteredEmailPropsSchema,
      subject: selectAlreadyRegisteredEmailSubject,
      component: AlreadyRegisteredEmail,
    }),
  ],
]);

/**
 * Finds a template by the name a job gives (`EmailJob.template`).
 *
 * @param name - the template name, e.g. `verify-email`
 * @returns the template, or `undefined` when no template has that name
 */
export function findTemplate(name: string): RegisteredTemplate | undefined {
  return registry.get(name);
}
