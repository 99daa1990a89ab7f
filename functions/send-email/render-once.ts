import { render, toPlainText } from '@react-email/render';
import type { ReactElement } from 'react';

/** Both bodies of an email. */
export interface EmailBodies {
  /** The HTML document, as `render(element)` gives it. */
  readonly html: string;
  /** The plain text, as `render(element, { plainText: true })` gives it. */
  readonly text: string;
}

/**
 * Renders a React Email element once and derives the plain text from that HTML, instead of
 * rendering the element a second time for `{ plainText: true }`.
 *
 * Why: React's server render is most of the cost of an email, and React Email's plain-text
 * option is that same render followed by `toPlainText` (html-to-text with React Email's
 * selectors) on the markup. Converting the HTML already rendered gives the same text for
 * half the rendering; the tests hold both bodies equal to the two-render reference.
 *
 * `render` comes from `@react-email/render` 2.3 or later, which loads prettier only for its
 * `pretty` option; so the bundles leave prettier out (`lib/node-function.ts`).
 *
 * @param element - the template element, its props already validated
 * @returns the HTML document and its plain text
 * @throws whatever the component throws while rendering
 */
export async function renderOnce(element: ReactElement): Promise<EmailBodies> {
  const html = await render(element);
  return { html, text: toPlainText(html) };
}
