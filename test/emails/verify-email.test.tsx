import { render } from '@react-email/components';
import { describe, expect, it } from 'vitest';
import VerifyEmail, { type VerifyEmailProps, verifyEmail } from '../../emails/verify-email.js';

const confirmUrl = 'https://signup.example.com/confirm?token=abc.def';

async function renderBoth(props: VerifyEmailProps) {
  const element = <VerifyEmail {...props} />;
  return { html: await render(element), text: await render(element, { plainText: true }) };
}

describe('VerifyEmail', () => {
  it('greets the person by name', async () => {
    // Act
    const { html, text } = await renderBoth({ name: 'Ann', confirmUrl, expiresInMinutes: 60 });

    // Assess
    expect(html).toContain('Hi Ann,');
    expect(text).toContain('Hi Ann,');
  });

  it.each([
    { description: 'no name', name: undefined },
    { description: 'a blank name', name: '   ' },
  ])('uses a neutral greeting for $description', async ({ name }) => {
    // Act
    const { html, text } = await renderBoth({ name, confirmUrl, expiresInMinutes: 60 });

    // Assess
    expect(html).toContain('Hello,');
    expect(text).toContain('Hello,');
    expect(text).not.toContain('Hi ');
  });

  it('escapes a name that holds markup in the HTML part', async () => {
    // Act
    const { html } = await renderBoth({
      name: '<script>alert(1)</script>',
      confirmUrl,
      expiresInMinutes: 60,
    });

    // Assess
    expect(html).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(html).not.toContain('<script>');
  });

  it('shows a name literally in the text part', async () => {
    // Act
    const { text } = await renderBoth({ name: 'Zoë <b>&amp;', confirmUrl, expiresInMinutes: 60 });

    // Assess
    expect(text).toContain('Hi Zoë <b>&amp;,');
  });

  it('links the button and writes the link out', async () => {
    // Act
    const { html, text } = await renderBoth({ confirmUrl, expiresInMinutes: 60 });

    // Assess
    expect(
      html.match(/href="https:\/\/signup\.example\.com\/confirm\?token=abc\.def"/g),
    ).toHaveLength(2);
    expect(html).toContain('>https://signup.example.com/confirm?token=abc.def</a>');
    expect(text).toContain(confirmUrl);
  });

  it('says why the person got it and when the link expires', async () => {
    // Act
    const { text } = await renderBoth({ confirmUrl, expiresInMinutes: 90 });

    // Assess
    expect(text).toContain('someone signed up with this address');
    expect(text).toContain("If it wasn't you, you can safely ignore it");
    expect(text).toContain('This link expires in 1 hour and 30 minutes.');
  });

  it('has a preview line and a document language', async () => {
    // Act
    const { html } = await renderBoth({ confirmUrl, expiresInMinutes: 60 });

    // Assess
    expect(html).toContain('<html dir="ltr" lang="en">');
    expect(html).toContain('Confirm your email address to finish signing up');
  });
});

describe('the props schema of verify-email', () => {
  it('accepts the preview props', () => {
    // Act
    const result = verifyEmail.propsSchema.safeParse(VerifyEmail.PreviewProps);

    // Assess
    expect(result.success).toBe(true);
  });

  it.each([
    { description: 'a javascript: link', props: { confirmUrl: 'javascript:alert(1)' } },
    { description: 'a relative link', props: { confirmUrl: '/confirm?token=x' } },
    { description: 'a name over 100 characters', props: { name: 'a'.repeat(101) } },
    { description: 'a fractional lifetime', props: { expiresInMinutes: 1.5 } },
    { description: 'a zero lifetime', props: { expiresInMinutes: 0 } },
  ])('rejects $description', ({ props }) => {
    // Act
    const result = verifyEmail.propsSchema.safeParse({
      confirmUrl,
      expiresInMinutes: 60,
      ...props,
    });

    // Assess
    expect(result.success).toBe(false);
  });
});
