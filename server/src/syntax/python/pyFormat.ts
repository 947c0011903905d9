// Python's text of known values, for the strings programs build layer names from: `str()` and `repr()`,
// the format-spec mini-language (f-strings, `str.format`), `%` formatting and string-literal escapes. Each
// function answers undefined where it cannot give exactly what Python would (an unusual spec, a list or a tuple,
// a character whose printability it does not know): the evaluator then leaves the string unknown.

import { pythonFloatText } from '../../ir/values';
import { isFloatValue, isPyFloat, isPyInt, numberOf, PyValue } from './pyValues';
import { isDecimalDigits } from './pyArithmetic';

/** Whole numbers past this lose digits in a double: their text is not known. */
const MAX_EXACT = 2 ** 53;

/** `str(v)`; undefined for what it does not render (lists and tuples, which look alike here; objects). */
export function pyStr(v: PyValue): string | undefined {
  if (typeof v === 'string') return v;
  return scalarText(v);
}

/** `repr(v)`: numbers, None and booleans as `str`; strings quoted as Python quotes them (printable ASCII only). */
export function pyRepr(v: PyValue): string | undefined {
  if (typeof v !== 'string') return scalarText(v);
  const quote = v.includes("'") && !v.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of v) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === quote) out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c > 0x7e) return undefined; // printable or escaped: Unicode's tables decide
    else out += ch;
  }
  return out + quote;
}

function scalarText(v: PyValue): string | undefined {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (isPyInt(v)) return Math.abs(v) <= MAX_EXACT ? String(v) : undefined;
  const x = numberOf(v);
  return x !== undefined && Number.isFinite(x) ? pythonFloatText(x) : undefined;
}

interface Spec {
  fill: string;
  align?: string;
  /** '-' (the default: only negative numbers show one), '+' or ' '; undefined when not written. */
  sign?: string;
  alternate: boolean;
  width: number;
  grouping: string;
  precision?: number;
  type: string;
}

/** Reads `[[fill]align][sign][#][0][width][grouping][.precision][type]`; undefined for anything else. */
function parseSpec(spec: string): Spec | undefined {
  const out: Spec = { fill: ' ', alternate: false, width: 0, grouping: '', type: '' };
  const isAlign = (c: string | undefined) => c === '<' || c === '>' || c === '^' || c === '=';
  let i = 0;
  let fillGiven = false;
  if (spec.length >= 2 && isAlign(spec[1])) {
    const fill = spec.charCodeAt(0);
    if (fill >= 0xd800 && fill <= 0xdfff) return undefined;
    out.fill = spec[0];
    out.align = spec[1];
    fillGiven = true;
    i = 2;
  } else if (isAlign(spec[0])) {
    out.align = spec[0];
    i = 1;
  }
  if (spec[i] === '+' || spec[i] === '-' || spec[i] === ' ') out.sign = spec[i++];
  if (spec[i] === '#') {
    out.alternate = true;
    i++;
  }
  if (spec[i] === '0') {
    // Zero padding: after the sign unless an alignment is written; with one, it is the fill unless one is written.
    if (out.align === undefined) out.align = '=';
    if (!fillGiven) out.fill = '0';
    i++;
  }
  const digits = () => {
    const start = i;
    while (i < spec.length && spec[i] >= '0' && spec[i] <= '9') i++;
    return i > start && i - start < 5 ? Number(spec.slice(start, i)) : i > start ? NaN : undefined;
  };
  const width = digits();
  if (Number.isNaN(width)) return undefined;
  out.width = width ?? 0;
  if (spec[i] === ',' || spec[i] === '_') out.grouping = spec[i++];
  if (spec[i] === '.') {
    i++;
    const precision = digits();
    if (precision === undefined || Number.isNaN(precision)) return undefined;
    out.precision = precision;
  }
  if (i < spec.length) out.type = spec[i++];
  return i === spec.length ? out : undefined;
}

/** `format(v, spec)`: the text an f-string field or a `str.format` field gives; undefined where unsure. */
export function formatWithSpec(v: PyValue, specText: string): string | undefined {
  if (specText === '') return pyStr(v);
  const spec = parseSpec(specText);
  if (!spec) return undefined;
  if (typeof v === 'string') return formatString(v, spec);
  if (isPyInt(v)) return formatInt(v, spec);
  if (isFloatValue(v)) return formatFloat(numberOf(v)!, spec);
  return undefined; // None, booleans (formatted as ints under a spec), lists
}

function formatString(v: string, spec: Spec): string | undefined {
  if ((spec.type !== '' && spec.type !== 's') || spec.sign !== undefined || spec.alternate || spec.grouping || spec.align === '=') return undefined;
  if (hasSurrogates(v)) return undefined;
  const body = spec.precision !== undefined ? v.slice(0, spec.precision) : v;
  return pad('', body, spec, '<');
}

function formatInt(v: number, spec: Spec): string | undefined {
  if (Math.abs(v) > MAX_EXACT) return undefined;
  const t = spec.type;
  if (t === 'f' || t === 'F' || t === '%') return formatFloat(v, spec);
  if (spec.precision !== undefined) return undefined;
  const radix = t === '' || t === 'd' ? 10 : t === 'x' || t === 'X' ? 16 : t === 'o' ? 8 : t === 'b' ? 2 : 0;
  if (radix === 0) return undefined;
  let digits = Math.abs(v).toString(radix);
  if (t === 'X') digits = digits.toUpperCase();
  if (spec.grouping) {
    if (spec.grouping === ',' && radix !== 10) return undefined;
    digits = group(digits, radix === 10 ? 3 : 4, spec.grouping);
  }
  const prefix = spec.alternate && radix !== 10 ? '0' + (t === 'X' ? 'X' : t) : '';
  return numberText(v < 0, prefix, digits, spec);
}

function formatFloat(x: number, spec: Spec): string | undefined {
  if (!Number.isFinite(x)) return undefined;
  const negative = x < 0 || Object.is(x, -0);
  const t = spec.type;
  let digits: string | undefined;
  if (t === '' && spec.precision === undefined && !spec.alternate) {
    digits = pythonFloatText(Math.abs(x));
    if (digits.includes('e') && spec.grouping) return undefined;
  } else if (t === 'f' || t === 'F' || t === '%') {
    // Python multiplies by 100 in floating point too, then writes the product's exact digits.
    digits = fixed(Math.abs(t === '%' ? x * 100 : x), spec.precision ?? 6, spec.alternate);
    if (digits !== undefined && t === '%') digits += '%';
  }
  if (digits === undefined) return undefined;
  if (spec.grouping) {
    let point = 0;
    while (point < digits.length && digits[point] >= '0' && digits[point] <= '9') point++;
    digits = group(digits.slice(0, point), 3, spec.grouping) + digits.slice(point);
  }
  return numberText(negative, '', digits, spec);
}

/**
 * `x` (not negative) with `precision` digits after the point. Both languages write the exact value rounded to the
 * nearest; on an exact tie Python picks the even digit and JS the larger, so a tie is left unknown.
 */
function fixed(x: number, precision: number, alternate: boolean): string | undefined {
  if (x >= 1e21 || precision > 50 || isHalfway(x, precision)) return undefined;
  const s = x.toFixed(precision);
  return alternate && precision === 0 ? s + '.' : s;
}

/**
 * Whether `x × 10^precision` lies exactly halfway between two integers. With x = m·2^e (m odd), the product is
 * m·5^p·2^(e+p): a half exactly when e + p = −1.
 */
function isHalfway(x: number, precision: number): boolean {
  if (x === 0 || !Number.isFinite(x)) return false;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const mantissaHi = (hi & 0xfffff) | (biased === 0 ? 0 : 0x100000);
  const e = biased === 0 ? -1074 : biased - 1075;
  const trailingZeros = (n: number) => 31 - Math.clz32(n & -n);
  const v = lo !== 0 ? trailingZeros(lo) : 32 + trailingZeros(mantissaHi);
  return e + v + precision === -1;
}

function group(digits: string, size: number, separator: string): string {
  let out = '';
  for (let end = digits.length; end > 0; end -= size) {
    const part = digits.slice(Math.max(0, end - size), end);
    out = out ? part + separator + out : part;
  }
  return out;
}

function numberText(negative: boolean, prefix: string, digits: string, spec: Spec): string | undefined {
  // Zeros padded into grouped digits are grouped too: not rendered here.
  if (spec.grouping && spec.align === '=' && spec.fill === '0') return undefined;
  const sign = negative ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
  return pad(sign + prefix, digits, spec, '>');
}

/** Pads to the spec's width with its fill: `=` puts the fill between the sign (and prefix) and the digits. */
function pad(head: string, body: string, spec: Spec, defaultAlign: string): string {
  const free = spec.width - head.length - body.length;
  if (free <= 0) return head + body;
  const align = spec.align ?? defaultAlign;
  const fill = (n: number) => spec.fill.repeat(n);
  if (align === '=') return head + fill(free) + body;
  if (align === '<') return head + body + fill(free);
  if (align === '^') return fill(free >> 1) + head + body + fill(free - (free >> 1));
  return fill(free) + head + body;
}

function hasSurrogates(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** One value converted by `!s`, `!r` or `!a` (`ascii` escapes what `repr` keeps: printable ASCII only here). */
export function convertValue(v: PyValue, conversion: string): PyValue | undefined {
  if (conversion === 's') return pyStr(v);
  if (conversion === 'r' || conversion === 'a') return pyRepr(v);
  return undefined;
}

/**
 * `template.format(*positional, **keyword)`: `{}`, `{0}`, `{name}`, each with an optional `!conversion` and
 * `:spec`, and `{{` / `}}`; undefined for attribute or index fields, nested fields in a spec, and errors.
 */
export function strFormat(template: string, positional: readonly PyValue[], keyword: ReadonlyMap<string, PyValue>): string | undefined {
  let out = '';
  let auto = 0;
  let manual = false;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if (ch === '}') {
      if (template[i + 1] !== '}') return undefined;
      out += '}';
      i++;
      continue;
    }
    if (ch !== '{') {
      out += ch;
      continue;
    }
    if (template[i + 1] === '{') {
      out += '{';
      i++;
      continue;
    }
    const close = template.indexOf('}', i);
    if (close < 0) return undefined;
    const field = template.slice(i + 1, close);
    if (field.includes('{')) return undefined;
    i = close;
    const colon = field.indexOf(':');
    const head = colon < 0 ? field : field.slice(0, colon);
    const spec = colon < 0 ? '' : field.slice(colon + 1);
    const bang = head.indexOf('!');
    const name = bang < 0 ? head : head.slice(0, bang);
    const conversion = bang < 0 ? undefined : head.slice(bang + 1);
    let value: PyValue | undefined;
    if (name === '') {
      if (manual) return undefined;
      value = positional[auto++];
    } else if (isDecimalDigits(name)) {
      if (auto > 0) return undefined;
      manual = true;
      value = positional[Number(name)];
    } else if (isIdentifier(name)) value = keyword.get(name);
    if (value === undefined) return undefined;
    if (conversion !== undefined) {
      value = convertValue(value, conversion);
      if (value === undefined) return undefined;
    }
    const text = formatWithSpec(value, spec);
    if (text === undefined) return undefined;
    out += text;
  }
  return out;
}

/**
 * `template % values` for `%s`, `%r`, `%d`/`%i`, `%f`/`%F`, `%x`/`%X`/`%o` and `%%`, with flags, width and
 * precision; undefined for `%(key)s`, `*` widths and other conversions. `values` are a tuple's items, or the one
 * value that is not a tuple.
 */
export function percentFormat(template: string, values: readonly PyValue[]): string | undefined {
  const items = values;
  let out = '';
  let next = 0;
  for (let i = 0; i < template.length; i++) {
    if (template[i] !== '%') {
      out += template[i];
      continue;
    }
    i++;
    let flags = '';
    while ('-+ 0#'.includes(template[i] ?? 'x')) flags += template[i++];
    let width = '';
    while (template[i] >= '0' && template[i] <= '9') width += template[i++];
    let precision = '';
    if (template[i] === '.') {
      i++;
      while (template[i] >= '0' && template[i] <= '9') precision += template[i++];
      precision = '.' + (precision || '0');
    }
    const type = template[i];
    if (type === '%') {
      if (flags || width || precision) return undefined;
      out += '%';
      continue;
    }
    if (type === undefined || next >= items.length) return undefined;
    const text = percentField(items[next++], flags, width, precision, type);
    if (text === undefined) return undefined;
    out += text;
  }
  return next === items.length ? out : undefined;
}

function percentField(value: PyValue, flags: string, width: string, precision: string, type: string): string | undefined {
  const align = flags.includes('-') ? '<' : '>';
  const sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  const zero = flags.includes('0') && !flags.includes('-') ? '0' : '';
  if (type === 's' || type === 'r' || type === 'a') {
    const text = type === 's' ? pyStr(value) : pyRepr(value);
    return text === undefined ? undefined : formatWithSpec(text, `${align}${width}${precision}`);
  }
  const x = numberOf(value);
  if (x === undefined) return undefined; // booleans format as ints: left unknown
  const alternate = flags.includes('#') ? '#' : '';
  if (type === 'd' || type === 'i' || type === 'u') {
    if (precision) return undefined;
    return formatWithSpec(Math.trunc(x), `${zero ? '' : align}${sign}${zero}${width}d`);
  }
  if (type === 'x' || type === 'X' || type === 'o') {
    if (precision || !isPyInt(value)) return undefined;
    // printf's alternate octal prefix is `0o` in Python 3, as format's.
    return formatWithSpec(value, `${zero ? '' : align}${sign}${alternate}${zero}${width}${type}`);
  }
  if (type === 'f' || type === 'F') {
    return formatWithSpec(isPyFloat(value) ? value : x, `${zero ? '' : align}${sign}${alternate}${zero}${width}${precision || '.6'}f`);
  }
  return undefined;
}


function isIdentifier(s: string): boolean {
  if (s.length === 0 || (s[0] >= '0' && s[0] <= '9')) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (!(c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '',
};

/**
 * The value of a string literal's content (what lies between its quotes, or one `string_content` piece of it):
 * backslash escapes unless raw, `{{` and `}}` in an f-string. Undefined for `\N{…}` (named characters).
 */
export function decodeStringContent(text: string, raw: boolean, formatted: boolean): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (formatted && (ch === '{' || ch === '}') && text[i + 1] === ch) {
      out += ch;
      i++;
      continue;
    }
    if (ch !== '\\' || raw) {
      // A raw string keeps its backslashes, and the character after one (even a quote).
      if (ch === '\\' && i + 1 < text.length) {
        out += ch + text[i + 1];
        i++;
      } else out += ch;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) return undefined;
    if (next === '\r') {
      i += text[i + 2] === '\n' ? 2 : 1; // a line continuation inside the string
      continue;
    }
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
      continue;
    }
    if (next >= '0' && next <= '7') {
      let j = i + 1;
      while (j < text.length && j < i + 4 && text[j] >= '0' && text[j] <= '7') j++;
      out += String.fromCodePoint(parseInt(text.slice(i + 1, j), 8));
      i = j - 1;
      continue;
    }
    const hexLength = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const hex = text.slice(i + 2, i + 2 + hexLength);
      if (hex.length !== hexLength || !isHex(hex)) return undefined;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) return undefined;
      out += String.fromCodePoint(code);
      i += 1 + hexLength;
      continue;
    }
    if (next === 'N') return undefined;
    out += '\\' + next; // an unknown escape stays as written
    i++;
  }
  return out;
}

function isHex(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s[i].toLowerCase();
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}
