import type * as z from 'zod/mini';
import { alreadyRegisteredEmailPropsSchema } from '../../emails/already-registered-props.js';
import { verifyEmailPropsSchema } from '../../emails/verify-email-props.js';
import { welcomeEmailPropsSchema } from '../../emails/welcome-props.js';

/** What {@link EmailTemplate.parseProps} returns: the validated props, or the schema's issues. */
export type ParsePropsResult =
  | { readonly success: true; readonly props: Readonly<Record<string, unknown>> }
  | { readonly success: false; readonly issues: readonly z.core.$ZodIssue[] };

/**
 * One email template as the worker knows it: the schema its props must pass. The worker
 * sends the template's pre-rendered skeleton (`email-skeleton.ts`), so it holds no component.
 */
export interface EmailTemplate {
  /** Validates a job's `unknown` props; the queue is not trusted to carry valid ones. */
  readonly parseProps: (props: unknown) => ParsePropsResult;
}

function registerTemplate(propsSchema: z.ZodMiniType<object>): EmailTemplate {
  return {
    parseProps(props) {
      const result = propsSchema.safeParse(props);
      return result.success
        ? { success: true, props: result.data as Readonly<Record<string, unknown>> }
        : { success: false, issues: result.error.issues };
    },
  };
}

// A Map, not an object literal: a job's `template` is untrusted, and a name such as
// `constructor` or `__proto__` must not resolve to something on Object.prototype.
const registry: ReadonlyMap<string, EmailTemplate> = new Map([
  ['verify-email', registerTemplate(verifyEmailPropsSchema)],
  ['welcome', registerTemplate(welcomeEmailPropsSchema)],
  ['already-registered', registerTemplate(alreadyRegisteredEmailPropsSchema)],
]);

/**
 * Finds a template by the name a job gives (`EmailJob.template`).
 *
 * @param name - the template name, e.g. `verify-email`
 * @returns the template, or `undefined` when no template has that name
 */
export function findTemplate(name: string): EmailTemplate | undefined {
  return registry.get(name);
}
