// Tensor shapes as the analysis sees them: a dimension is a number, None (dynamic at run time, `null`)
// or unknown to us (`'?'`, could not be inferred). Arithmetic here propagates None and unknown faithfully.

/** `null` is Keras' None; `'?'` means the analysis could not infer the value (never shown as a number). */
export type Dim = number | null | '?';
export const UNKNOWN_DIM = '?' as const;

/** A tensor shape including the batch axis first. */
export type Shape = Dim[];

export function isKnown(d: Dim): d is number {
  return typeof d === 'number';
}

/** True when every dimension after the batch axis is a concrete number. */
export function isFullyDefined(shape: Shape, fromAxis = 1): boolean {
  for (let i = fromAxis; i < shape.length; i++) if (!isKnown(shape[i])) return false;
  return true;
}

/** Product of dims: unknown wins over None, None wins over numbers. */
export function productOf(dims: readonly Dim[]): Dim {
  let result: Dim = 1;
  for (const d of dims) result = mulDim(result, d);
  return result;
}

export function mulDim(a: Dim, b: Dim): Dim {
  if (a === '?' || b === '?') return '?';
  if (a === null || b === null) return null;
  return a * b;
}

export function addDim(a: Dim, b: Dim): Dim {
  if (a === '?' || b === '?') return '?';
  if (a === null || b === null) return null;
  return a + b;
}

/** Renders a shape the way Python prints a tuple: `(None, 26, 26, 32)`, `(10,)`, `()`. */
export function formatShape(shape: Shape | undefined): string {
  if (!shape) return '?';
  if (shape.length === 1) return '(' + formatDim(shape[0]) + ',)';
  let text = '(';
  for (let i = 0; i < shape.length; i++) text += (i === 0 ? '' : ', ') + formatDim(shape[i]);
  return text + ')';
}

export function formatDim(d: Dim): string {
  return d === null ? 'None' : d === '?' ? '?' : numberText(d);
}

/** The texts of small whole numbers, made once (shapes and arguments are full of them). */
const SMALL_NUMBERS: readonly string[] = Array.from({ length: 1024 }, (_, i) => String(i));

/** `String(n)`, without a new string for a small whole number. */
export function numberText(n: number): string {
  return n >= 0 && n < 1024 && Number.isInteger(n) ? SMALL_NUMBERS[n] : String(n);
}

/** Several outputs are shown as a list, one output as its tuple. */
export function formatOutputs(outputs: readonly (Shape | undefined)[] | undefined): string {
  if (!outputs) return '?';
  if (outputs.length === 1) return formatShape(outputs[0]);
  return `[${outputs.map(formatShape).join(', ')}]`;
}

/** Integer with thousands separators, as `model.summary()` prints parameter counts. */
export function formatCount(n: number | undefined): string {
  return n === undefined ? '?' : n.toLocaleString('en-US');
}

/** Normalises a possibly negative axis against a rank; undefined when out of range. */
export function normalizeAxis(axis: number, rank: number): number | undefined {
  const a = axis < 0 ? axis + rank : axis;
  return a >= 0 && a < rank ? a : undefined;
}
