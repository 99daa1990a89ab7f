/** The name to greet (undefined when none), or why it was refused. */
export type PersonNameResult =
  | { ok: true; name: string | undefined }
  | { ok: false; detail: string };

// Longest name, in UTF-16 code units: the queue contract's measure (`to.name` max 100).
const maxNameLength = 100;

// Controls (header injection, broken layouts), line and paragraph separators, lone surrogates
// (which UTF-8 cannot carry), private-use characters, and U+FFFD (a decoding failure).
const controlCharacter = /[\p{Cc}\p{Zl}\p{Zp}\p{Cs}\p{Co}\uFFFD\uFFFE\uFFFF]/u;
// Invisible format characters (Cf: bidi controls, zero-width space, BOM, tag characters) can
// make "Hi {name}" read otherwise than stored (CVE-2021-42574, "Trojan Source"); ZWNJ and ZWJ
// stay, as Persian, Indic scripts and emoji need them. Hangul fillers and the braille blank
// render as nothing.
const invisibleCharacter = /(?![\u200C\u200D])\p{Cf}|[\u115F\u1160\u3164\uFFA0\u2800]/u;
// A greeting repeats the name verbatim, so a name that mail clients would turn into a link
// is a phishing vector ("Hi www.evil.example, confirm here"); real names contain none of these.
const linkLike = /:\/\/|www\.|@/;
// More than six combining marks in a row is no script's orthography (Burmese and Tibetan
// stacks stay below it) but is "Zalgo" text that overflows the layout.
const markRun = /\p{M}{7,}/u;
const letter = /\p{L}/u;

/**
 * Normalizes and validates a person's name for greetings ("Hi {name}"): NFC (UAX #15), so
 * equal-looking names are equal strings; whitespace runs become one space; blank means no
 * name. Refused by the rules above, link-like text checked on the NFKC form so full-width
 * look-alikes count.
 *
 * @returns the name, or a `detail` that never echoes the input
 */
export function normalizePersonName(input: string): PersonNameResult {
  // Checked before normalizing: NFC can be slow on huge strings, and the body limit is 16 KiB.
  if (input.length > 4 * maxNameLength)
    return refuse(`must be at most ${maxNameLength} characters`);
  if (controlCharacter.test(input)) {
    return refuse('must not contain control characters such as line breaks or tabs');
  }
  if (invisibleCharacter.test(input)) {
    return refuse('must not contain invisible formatting characters (bidirectional or zero-width)');
  }
  const name = input
    .normalize('NFC')
    .replace(/\p{Zs}+/gu, ' ')
    .trim();
  if (name === '') return { ok: true, name: undefined };
  if (name.length > maxNameLength) return refuse(`must be at most ${maxNameLength} characters`);
  if (linkLike.test(name.normalize('NFKC').toLowerCase())) {
    return refuse('must not look like a web or email address');
  }
  if (markRun.test(name)) return refuse('must not stack more than six combining marks');
  if (!letter.test(name)) return refuse('must contain at least one letter');
  return { ok: true, name };
}

function refuse(detail: string): PersonNameResult {
  return { ok: false, detail };
}
