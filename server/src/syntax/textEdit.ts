// The single edit that turns one text into another (common prefix and suffix, whose lengths the TS/JS session
// uses too), in the form tree-sitter's `Tree.edit` takes: offsets and row/column points in UTF-16 code units.

export interface Point {
  readonly row: number;
  readonly column: number;
}

export interface TextEdit {
  readonly startIndex: number;
  readonly oldEndIndex: number;
  readonly newEndIndex: number;
  readonly startPosition: Point;
  readonly oldEndPosition: Point;
  readonly newEndPosition: Point;
}

/** The point `offset` code units after `from` (a point at `fromOffset`) in `text`. */
function advance(text: string, fromOffset: number, from: Point, offset: number): Point {
  let row = from.row;
  let lineStart = fromOffset - from.column;
  for (let i = text.indexOf('\n', fromOffset); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Length of the common prefix of two strings (chunked comparison first: slices compare at memcmp speed). */
export function commonPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  for (const step of [65536, 4096, 256, 16]) while (i + step <= max && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix of two strings, at most `max`. */
export function commonSuffixLength(a: string, b: string, max: number): number {
  let i = 0;
  for (const step of [65536, 4096, 256, 16]) while (i + step <= max && a.slice(a.length - i - step, a.length - i) === b.slice(b.length - i - step, b.length - i)) i += step;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** The edit from `before` to `after`; undefined when they are equal. */
export function diffTexts(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let prefix = commonPrefixLength(before, after);
  // Never split a surrogate pair: an edit boundary falls between code points.
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  let suffix = commonSuffixLength(before, after, Math.min(before.length, after.length) - prefix);
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  const startPosition = advance(before, 0, { row: 0, column: 0 }, prefix);
  const oldEndIndex = before.length - suffix;
  const newEndIndex = after.length - suffix;
  return {
    startIndex: prefix,
    oldEndIndex,
    newEndIndex,
    startPosition,
    oldEndPosition: advance(before, prefix, startPosition, oldEndIndex),
    newEndPosition: advance(after, prefix, startPosition, newEndIndex),
  };
}
