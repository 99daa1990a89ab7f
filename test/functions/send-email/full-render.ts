import { render } from '@react-email/render';
import { createElement, type FunctionComponent } from 'react';
import { findTemplate } from '../../../functions/send-email/templates.js';
import { templateComponents } from '../../../scripts/email-skeletons.js';

/**
 * Renders a template in full, as the worker did before its skeletons were pre-rendered:
 * props through the template's schema, then `render()` for HTML and for plain text.
 *
 * @returns `undefined` when the props fail the template's schema
 */
export async function renderInFull(templateName: string, props: Record<string, unknown>) {
  const parsed = findTemplate(templateName)?.parseProps(props);
  const template = templateComponents.get(templateName);
  if (template === undefined) throw new Error(`No component for ${templateName}`);
  if (!parsed?.success) return undefined;
  const element = createElement(template.component as FunctionComponent<object>, parsed.props);
  return { html: await render(element), text: await render(element, { plainText: true }) };
}
