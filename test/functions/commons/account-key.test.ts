import { describe, expect, it } from 'vitest';
import { toAccountKey } from '../../../functions/commons/account-deliverability.js';

describe('toAccountKey', () => {
  it.each([
    ['ann@example.com', 'ann@example.com'],
    ['Ann@Example.com', 'ann@example.com'],
    ['ann+news@example.com', 'ann@example.com'],
    ['ANN+Shop+2026@example.com', 'ann@example.com'],
    // A local part that starts with '+' has nothing before its tag: kept whole.
    ['+ann@example.com', '+ann@example.com'],
    // No provider's own rules: dots stay, so `a.nn@` and `ann@` are two mailboxes.
    ['a.nn+x@gmail.com', 'a.nn@gmail.com'],
    ['ann@xn--bcher-kva.example', 'ann@xn--bcher-kva.example'],
  ])('keys %s as the mailbox %s', (email, key) => {
    // Act & Assess
    expect(toAccountKey(email)).toBe(key);
  });
});
