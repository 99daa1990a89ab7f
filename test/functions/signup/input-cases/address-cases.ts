import { accepted, type InputCase, refused, signup } from './input-case.js';

const local64 = 'a'.repeat(64);
const label63 = 'b'.repeat(63);
// 254 octets in all: 64 + '@' + a 189-octet domain (63 + 1 + 63 + 1 + 57 + 4).
const domain189 = `${'c'.repeat(63)}.${'c'.repeat(63)}.${'c'.repeat(57)}.com`;
const address254 = `${local64}@${domain189}`;
const address255 = `${local64}@c${domain189}`;

/** Email addresses: normalization, the RFC 5321/5322 rules and the SES ASCII rule. */
export const addressCases: InputCase[] = [
  accepted('a plain address', signup('ann@example.com'), 'ann@example.com'),
  accepted(
    'whitespace around it, and an upper-case domain (local part keeps its case)',
    signup('  Ann.Lee@Example.COM \t'),
    'Ann.Lee@example.com',
  ),
  accepted('plus-addressing', signup('ann+news@example.com'), 'ann+news@example.com'),
  accepted(
    'RFC 5322 atext specials',
    signup("o'brien!#$%&*/=?^_`{|}~-@example.com"),
    "o'brien!#$%&*/=?^_`{|}~-@example.com",
  ),
  accepted(
    'an internationalized domain (to punycode)',
    signup('ann@bücher.de'),
    'ann@xn--bcher-kva.de',
  ),
  accepted(
    'an upper-case internationalized domain',
    signup('ann@BÜCHER.DE'),
    'ann@xn--bcher-kva.de',
  ),
  accepted('a domain already in punycode', signup('ann@XN--BCHER-KVA.de'), 'ann@xn--bcher-kva.de'),
  accepted(
    'a Chinese domain with an ideographic full stop',
    signup('ann@例子。测试'),
    'ann@xn--fsqu00a.xn--0zwm56d',
  ),
  accepted('a 64-octet local part', signup(`${local64}@example.com`), `${local64}@example.com`),
  accepted('a 63-octet label', signup(`ann@${label63}.com`), `ann@${label63}.com`),
  accepted('a 254-octet address', signup(address254), address254),
  accepted(
    'a hyphen inside a label and a numeric label',
    signup('ann@my-mail.123.example'),
    'ann@my-mail.123.example',
  ),
  refused('a 65-octet local part', signup(`a${local64}@example.com`), 400, 'invalid-field'),
  refused('a 255-octet address', signup(address255), 400, 'invalid-field'),
  refused('a 64-octet label', signup(`ann@b${label63}.com`), 400, 'invalid-field'),
  refused('an empty string', signup(''), 400, 'invalid-field'),
  refused('only spaces', signup('   '), 400, 'invalid-field'),
  refused('no @', signup('ann.example.com'), 400, 'invalid-field'),
  refused('two @', signup('ann@lee@example.com'), 400, 'invalid-field'),
  refused('nothing before the @', signup('@example.com'), 400, 'invalid-field'),
  refused('nothing after the @', signup('ann@'), 400, 'invalid-field'),
  refused(
    'a non-ASCII local part (SES refuses it)',
    signup('jöhn@example.com'),
    400,
    'invalid-field',
  ),
  refused('a quoted local part', signup('"ann lee"@example.com'), 400, 'invalid-field'),
  refused('a leading dot', signup('.ann@example.com'), 400, 'invalid-field'),
  refused('a trailing dot before the @', signup('ann.@example.com'), 400, 'invalid-field'),
  refused('two dots in a row', signup('ann..lee@example.com'), 400, 'invalid-field'),
  refused('a space inside', signup('ann lee@example.com'), 400, 'invalid-field'),
  refused(
    'a header injection (CRLF Bcc)',
    signup('ann@example.com\r\nBcc: eve@example.com'),
    400,
    'invalid-field',
  ),
  refused('a comment', signup('ann(work)@example.com'), 400, 'invalid-field'),
  refused('angle brackets', signup('<ann@example.com>'), 400, 'invalid-field'),
  refused('a display name', signup('Ann <ann@example.com>'), 400, 'invalid-field'),
  refused(
    'a comma-separated list',
    signup('ann@example.com,eve@example.com'),
    400,
    'invalid-field',
  ),
  refused('a dotless domain', signup('ann@localhost'), 400, 'invalid-field'),
  refused('an IP literal', signup('ann@[192.0.2.1]'), 400, 'invalid-field'),
  refused('an IPv6 literal', signup('ann@[IPv6:2001:db8::1]'), 400, 'invalid-field'),
  refused('a dotted-quad domain', signup('ann@192.0.2.1'), 400, 'invalid-field'),
  refused('a hexadecimal IPv4 in disguise', signup('ann@0x7f.1'), 400, 'invalid-field'),
  refused('a label starting with a hyphen', signup('ann@-example.com'), 400, 'invalid-field'),
  refused('a label ending with a hyphen', signup('ann@example-.com'), 400, 'invalid-field'),
  refused('an underscore in the domain', signup('ann@ex_ample.com'), 400, 'invalid-field'),
  refused('a trailing dot after the domain', signup('ann@example.com.'), 400, 'invalid-field'),
  refused('two dots in the domain', signup('ann@example..com'), 400, 'invalid-field'),
  refused('a percent-encoded domain', signup('ann@ex%61mple.com'), 400, 'invalid-field'),
  refused(
    'a zero-width space in the domain',
    signup('ann@exam\u200bple.com'),
    400,
    'invalid-field',
  ),
  refused('a symbol in the domain', signup('ann@☃.net'), 400, 'invalid-field'),
  refused('invalid punycode', signup('ann@xn--.com'), 400, 'invalid-field'),
  refused(
    'a 2000-character string',
    signup(`${'a'.repeat(2000)}@example.com`),
    400,
    'invalid-field',
  ),
];
