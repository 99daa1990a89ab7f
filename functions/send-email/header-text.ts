// Characters that end or fold a header line, or act like it in some client: CR, LF, tab,
// vertical tab, form feed, NEL (U+0085), line and paragraph separators (U+2028, U+2029).
const lineBreaks = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
// Other C0 controls, DEL and C1 controls; bidi embeddings, overrides and isolates
// (U+202A–U+202E, U+2066–U+2069) and the bidi marks (U+061C, U+200E, U+200F), which can make
// a subject or name display in an order other than the one it is written in.
const invisibleControls = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
// A surrogate the `u` flag sees on its own is unpaired: it has no UTF-8 encoding.
const loneSurrogate = /\p{Surrogate}/gu;

/**
 * Makes text safe to place in a header field (subject, display name): one line, no
 * control or bidi-override characters, whitespace runs collapsed, no surrounding space.
 *
 * Why strip rather than reject: the API refuses such input first; this is defence in depth,
 * so a job that slipped through is still sent, with a harmless header (RFC 5322 §2.2: a
 * header field body is printable characters and WSP, and a CRLF would end the field).
 *
 * @param text - untrusted text, e.g. a person's name or a subject
 * @returns the text on one line; lone surrogates become U+FFFD; may be empty
 */
export function toHeaderText(text: string): string {
  return text
    .replace(lineBreaks, ' ')
    .replace(invisibleControls, '')
    .replace(loneSurrogate, '\ufffd')
    .replace(/ {2,}/g, ' ')
    .trim();
}
