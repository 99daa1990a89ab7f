import { describe, expect, it } from 'vitest';
import { toHeaderText } from '../../../functions/send-email/format-address.js';

describe('toHeaderText', () => {
  it.each([
    {
      description: 'CR LF',
      input: 'Hello\r\nBcc: eve@example.com',
      output: 'Hello Bcc: eve@example.com',
    },
    { description: 'a lone LF', input: 'Hello\nWorld', output: 'Hello World' },
    { description: 'a tab', input: 'Hello\tWorld', output: 'Hello World' },
    { description: 'U+2028', input: 'Hello\u2028World', output: 'Hello World' },
    { description: 'NEL', input: 'Hello\u0085World', output: 'Hello World' },
  ])('turns $description into a space', ({ input, output }) => {
    // Act
    const text = toHeaderText(input);

    // Assess
    expect(text).toBe(output);
  });

  it('removes NUL, DEL, C1 controls, bidi overrides, isolates and marks', () => {
    // Act
    const text = toHeaderText('a\u0000b\u007fc\u009bd\u202ee\u2067f\u200fg\u061ch');

    // Assess
    expect(text).toBe('abcdefgh');
  });

  it('keeps emoji sequences joined by ZWJ and non-ASCII letters', () => {
    // Act
    const text = toHeaderText('Zoë 👩‍💻');

    // Assess
    expect(text).toBe('Zoë 👩‍💻');
  });

  it('replaces a lone surrogate, which has no UTF-8 form', () => {
    // Act
    const text = toHeaderText('a\ud800b');

    // Assess
    expect(text).toBe('a\ufffdb');
  });

  it('collapses runs of spaces and trims', () => {
    // Act
    const text = toHeaderText('  Confirm \r\n  your   email ');

    // Assess
    expect(text).toBe('Confirm your email');
  });
});
