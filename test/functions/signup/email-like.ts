import fc from 'fast-check';

// Strings shaped like addresses, mostly benign characters with a few the rules care about
// (dots, quotes, IDN, IP literals, invisible characters), so runs reach both sides of each rule.
const mostly = (benign: string[], hostile: string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...benign), weight: 12 },
    { arbitrary: fc.constantFrom(...hostile), weight: 1 },
  );
const localPart = fc.string({
  unit: mostly(
    ['a', 'Z', '0', '.', '+', '-'],
    ['"', ' ', 'ö', '\u200b', '\n', '(', '!', '@', '..'],
  ),
  minLength: 0,
  maxLength: 70,
});
const domainLabel = fc.string({
  unit: mostly(['b', 'c', '1', '-', 'Ü'], ['_', '[', ']', '%', '\u00ad', ':', 'xn--', '.']),
  minLength: 0,
  maxLength: 66,
});
/** Address-shaped strings for property tests. */
export const emailLike = fc
  .tuple(
    localPart,
    fc.constantFrom('@', '@', '@', '@', '@@', ''),
    fc.array(domainLabel, { minLength: 1, maxLength: 4 }),
    fc.constantFrom('.', '.', '.', '。'),
  )
  .map(([local, at, labels, dot]) => `${local}${at}${labels.join(dot)}`);
