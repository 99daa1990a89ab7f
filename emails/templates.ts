import type * as z from 'zod/mini';
import { alreadyRegisteredEmail } from './already-registered.js';
import type { RegisteredEmailTemplate } from './email-template.js';
import { verifyEmail } from './verify-email.js';
import { welcomeEmail } from './welcome.js';

/**
 * The registry: every template the worker sends, by the name a job gives. To add one, write its
 * file (see `defineEmailTemplate`) and add its line here.
 */
export const emailTemplates = {
  'verify-email': verifyEmail,
  welcome: welcomeEmail,
  'already-registered': alreadyRegisteredEmail,
};

/** The name of a registered template, e.g. `verify-email`. */
export type EmailTemplateName = keyof typeof emailTemplates;

/** The props a job for a template carries: what its schema accepts. */
export type EmailTemplateProps<Name extends EmailTemplateName> = z.input<
  (typeof emailTemplates)[Name]['propsSchema']
>;

// A Map, not the object: a job's `template` is untrusted, and a name such as `constructor`
// or `__proto__` must not resolve to something on Object.prototype.
const templatesByName: ReadonlyMap<string, RegisteredEmailTemplate> = new Map(
  Object.entries(emailTemplates),
);

/** Finds a template by the name a job gives, any string; `undefined` when none has it. */
export function findEmailTemplate(name: string): RegisteredEmailTemplate | undefined {
  return templatesByName.get(name);
}
