import { describe, expect, it } from 'vitest';
import { formatSender } from '../../../functions/send-email/format-address.js';

describe('formatSender', () => {
  it.each([
    { value: 'no-reply@example.com', sender: 'no-reply@example.com' },
    {
      value: 'Signup Mailer <no-reply@example.com>',
      sender: 'Signup Mailer <no-reply@example.com>',
    },
    {
      value: '"Signup Mailer" <no-reply@example.com>',
      sender: 'Signup Mailer <no-reply@example.com>',
    },
    { value: 'Acme, Inc. <no-reply@example.com>', sender: '"Acme, Inc." <no-reply@example.com>' },
    { value: 'Zoë <no-reply@example.com>', sender: '=?UTF-8?B?Wm/Dqw==?= <no-reply@example.com>' },
    { value: '"A \\"B\\"" <no-reply@example.com>', sender: '"A \\"B\\"" <no-reply@example.com>' },
  ])('writes $value as $sender', ({ value, sender }) => {
    // Act
    const result = formatSender(value);

    // Assess
    expect(result).toBe(sender);
  });

  it.each(['Signup Mailer', 'Signup <no reply@example.com>', 'a@b.example, c@d.example'])(
    'refuses %s',
    (value) => {
      // Act
      const act = () => formatSender(value);

      // Assess
      expect(act).toThrow(RangeError);
    },
  );
});
