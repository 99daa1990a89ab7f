import { render as renderWithComponents } from '@react-email/components';
import { render } from '@react-email/render';
import type { ReactElement } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderEmailBodies } from '../../../functions/send-email/email-skeleton.js';
import { renderOnce } from '../../../functions/send-email/render-once.js';
import { findTemplate } from '../../../functions/send-email/templates.js';

vi.mock('../../../functions/send-email/render-once.js', async (importOriginal) => {
  const original =
    await importOriginal<typeof import('../../../functions/send-email/render-once.js')>();
  return { renderOnce: vi.fn(original.renderOnce) };
});

const confirmUrl = 'https://signup.example.test/confirm?token=eyJlIjoiYSJ9.c2ln';

/** The element the worker builds for a template and props. */
function makeElement(templateName: string, props: Record<string, unknown>): ReactElement {
  const prepared = findTemplate(templateName)?.prepare(props);
  if (!prepared?.success) throw new Error(`Invalid props for ${templateName}`);
  return prepared.email.element;
}

async function renderTwice(element: ReactElement) {
  return { html: await render(element), text: await render(element, { plainText: true }) };
}

beforeEach(() => {
  vi.mocked(renderOnce).mockClear();
});

describe('renderEmailBodies', () => {
  it('fills a name and link that need escaping into the skeleton, as a full render writes them', async () => {
    // Prepare
    const element = makeElement('verify-email', {
      name: `Zoë "Z" O'Brien & <Co>`,
      confirmUrl: `${confirmUrl}&a=<b>'"`,
      expiresInMinutes: 90,
      locale: 'de',
    });

    // Act
    const bodies = await renderEmailBodies('verify-email', element);

    // Assess
    expect(bodies).toEqual(await renderTwice(element));
    expect(bodies.html).toContain('Hallo Zoë &quot;Z&quot; O&#x27;Brien &amp; &lt;Co&gt;,');
    expect(bodies.text).toContain(`Hallo Zoë "Z" O'Brien & <Co>,`);
  });

  it('renders the template once for all emails that share a locale and lifetime', async () => {
    // Prepare
    const first = makeElement('verify-email', { name: 'Ann', confirmUrl, expiresInMinutes: 45 });
    const second = makeElement('verify-email', {
      name: 'Bob Stone',
      confirmUrl: `${confirmUrl}x`,
      expiresInMinutes: 45,
    });

    // Act
    await renderEmailBodies('verify-email', first);
    const bodies = await renderEmailBodies('verify-email', second);

    // Assess
    expect(renderOnce).toHaveBeenCalledTimes(1);
    expect(bodies).toEqual(await renderTwice(second));
  });

  it('keeps apart the skeletons of emails with and without a name', async () => {
    // Prepare
    const named = makeElement('verify-email', { name: 'Ann', confirmUrl, expiresInMinutes: 30 });
    const anonymous = makeElement('verify-email', { confirmUrl, expiresInMinutes: 30 });

    // Act
    const withName = await renderEmailBodies('verify-email', named);
    const withoutName = await renderEmailBodies('verify-email', anonymous);

    // Assess
    expect(withName.text).toContain('Ann');
    expect(withoutName).toEqual(await renderTwice(anonymous));
  });

  it.each([
    ['a name with a double space', { name: 'Ann  Lee' }],
    ['a name with a line break', { name: 'Ann\nLee' }],
    ['a blank name', { name: '   ' }],
  ])('renders %s in full, as the skeleton could not reproduce it', async (_case, props) => {
    // Prepare
    const element = makeElement('verify-email', { ...props, confirmUrl, expiresInMinutes: 61 });

    // Act
    const bodies = await renderEmailBodies('verify-email', element);

    // Assess
    expect(renderOnce).toHaveBeenCalledWith(element);
    expect(bodies).toEqual(await renderTwice(element));
  });

  it('renders a template without slots in full', async () => {
    // Prepare
    const element = makeElement('verify-email', { name: 'Ann', confirmUrl, expiresInMinutes: 60 });

    // Act
    const bodies = await renderEmailBodies('some-unlisted-template', element);

    // Assess
    expect(renderOnce).toHaveBeenCalledWith(element);
    expect(bodies).toEqual(await renderTwice(element));
  });
});

describe('the worker renderer, @react-email/render 2.3', () => {
  it.each(['verify-email', 'welcome', 'already-registered'])(
    'gives %s the same bodies as the render of @react-email/components the templates preview with',
    async (templateName) => {
      // Prepare
      const element = makeElement(templateName, { name: 'Ann', confirmUrl, expiresInMinutes: 60 });

      // Act
      const bodies = await renderEmailBodies(templateName, element);

      // Assess
      expect(bodies.html).toBe(await renderWithComponents(element));
      expect(bodies.text).toBe(await renderWithComponents(element, { plainText: true }));
    },
  );
});
