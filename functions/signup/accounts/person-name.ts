import tlds from 'tlds';
import { countCharacters, maxNameCharacters } from '../../../emails/props.js';

/** The name to greet (undefined when none), or why it was refused. */
export type PersonNameResult =
  | { ok: true; name: string | undefined }
  | { ok: false; detail: string };

// Each refused kind of character, with a message that says what it is. Controls (header
// injection, broken layouts) and line and paragraph separators; lone surrogates (a `\uD800`
// escape without its pair, which UTF-8 cannot carry); U+FFFD, which a form decoding puts in
// place of bytes that are not UTF-8; private-use characters and noncharacters, which show as
// nothing or boxes. Invisible format characters (Cf: bidi controls, zero-width space, BOM, tag
// characters) can make "Hi {name}" read otherwise than stored (CVE-2021-42574, "Trojan
// Source"); ZWNJ and ZWJ stay, as Persian, Indic scripts and emoji need them. Hangul fillers
// and the braille blank render as nothing.
const refusedCharacters: readonly [RegExp, string][] = [
  [/[\p{Cc}\p{Zl}\p{Zp}]/u, 'must not contain control characters such as line breaks or tabs'],
  [/\p{Cs}/u, 'must be well-formed text: it holds half of a UTF-16 surrogate pair'],
  [/\uFFFD/u, 'must be valid UTF-8: it holds U+FFFD, the stand-in for bytes that were not'],
  [/[\p{Co}\uFFFE\uFFFF]/u, 'must not contain private-use characters or noncharacters'],
  [
    /(?![\u200C\u200D])\p{Cf}|[\u115F\u1160\u3164\uFFA0\u2800]/u,
    'must not contain invisible formatting characters (bidirectional or zero-width)',
  ],
];
// A greeting repeats the name verbatim, so a name that mail clients would turn into a link or
// a caller would act on is a phishing vector ("Hi www.evil.example, confirm here"). Checked on
// the NFKC form with the ideographic full stops as dots and the default-ignorable characters
// (joiners, variation selectors, U+034F) gone, so look-alikes and invisible splits count.
const linkLike = /:\/\/|www\.|@/;
// A label, a dot and a word that is a top-level domain of the root zone (the `tlds` package,
// from IANA's list) or an A-label: what a mail client links (`evil.com`, `Dr.Love`). A space
// after the dot ("J. R. R. Tolkien", "Mr. Smith") or a word that is no TLD ("Mr.Smith") is fine.
const dotThenWord = /(?<=[\p{L}\p{M}\p{N}-])\.([\p{L}\p{M}\p{N}-]+)/gu;
const topLevelDomains = new Set(tlds);
// Seven digits or more, each at most three characters that are no letter or digit from the
// next (spaces, dashes, dots, minus signs, marks…): how phone numbers are written, never names.
const phoneNumber = /\p{Nd}(?:[^\p{L}\p{Nd}]{0,3}\p{Nd}){6}/u;
// More than six combining marks in a row is no script's orthography (Burmese and Tibetan
// stacks stay below it) but is "Zalgo" text that overflows the layout.
const markRun = /\p{M}{7,}/u;
const letter = /\p{L}/u;

/**
 * Normalizes and validates a person's name for greetings ("Hi {name}"): NFC (UAX #15), so
 * equal-looking names are equal strings; whitespace runs become one space; blank means no
 * name; at most 100 characters (code points). Refused by the rules above.
 *
 * @returns the name, or a `detail` that never echoes the input
 */
export function normalizePersonName(input: string): PersonNameResult {
  const tooLong = refuse(`must be at most ${maxNameCharacters} characters`);
  // Checked before normalizing: NFC can be slow on huge strings, and the body limit is 16 KiB.
  if (input.length > 4 * maxNameCharacters) return tooLong;
  for (const [pattern, detail] of refusedCharacters) {
    if (pattern.test(input)) return refuse(detail);
  }
  const name = input
    .normalize('NFC')
    .replace(/\p{Zs}+/gu, ' ')
    .trim();
  if (name === '') return { ok: true, name: undefined };
  if (countCharacters(name) > maxNameCharacters) return tooLong;
  const folded = name
    .normalize('NFKC')
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .replace(/[\u3002\uFF0E\uFF61]/g, '.')
    .toLowerCase();
  if (linkLike.test(folded)) return refuse('must not look like a web or email address');
  for (const [, word = ''] of folded.matchAll(dotThenWord)) {
    const unmarked = word.replace(/\p{M}/gu, '');
    if (topLevelDomains.has(word) || topLevelDomains.has(unmarked) || word.startsWith('xn--')) {
      return refuse(
        'must not look like a web address such as example.com (put a space after a dot)',
      );
    }
  }
  if (phoneNumber.test(folded)) return refuse('must not contain a phone number');
  if (markRun.test(name)) return refuse('must not stack more than six combining marks');
  if (!letter.test(name)) return refuse('must contain at least one letter');
  return { ok: true, name };
}

function refuse(detail: string): PersonNameResult {
  return { ok: false, detail };
}
