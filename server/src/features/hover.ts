// Hover Markdown for an offset: a layer's shapes, shape arithmetic, weights (get_weights() order, axis
// meanings), parameter formula, notes and doc; a variable's shape and producer, or a model's summary.

import type { Analysis, LayerUse, ModelInfo, Shape, TextRange, VariableInfo, WeightInfo } from '../service/types';
import { formatCount, formatDim, formatOutputs, formatShape } from '../infer/shape';
import type { HoverInfo } from './types';
import { escapeMarkdown, modelSummaryMarkdown, tableCell } from './modelSummary';

/** The hover at a UTF-16 offset, or undefined when nothing there is known. Never throws. */
export function hoverAt(analysis: Analysis, offset: number): HoverInfo | undefined {
  try {
    return findHover(analysis, offset);
  } catch {
    return undefined;
  }
}

function findHover(a: Analysis, offset: number): HoverInfo | undefined {
  if (!Number.isFinite(offset) || a.notAnalysed) return undefined;
  const uses = a.layerUses ?? [];
  // A class name wins; then a variable name (an argument inside a call); then the innermost call.
  const byClass = innermost(uses, u => u.classRange, offset);
  if (byClass) return { range: byClass.classRange, markdown: layersMarkdown(a, builtAtSamePlace(uses, byClass, u => u.classRange)) };
  const variable = innermost(a.variables ?? [], v => v.range, offset);
  if (variable) return { range: variable.range, markdown: variableMarkdown(a, variable) };
  const byUse = innermost(uses, u => u.useRange, offset);
  if (byUse) return { range: byUse.useRange, markdown: layersMarkdown(a, builtAtSamePlace(uses, byUse, u => u.useRange)) };
  // The model constructor itself (`keras.Sequential(`, `Model(`): its summary.
  const model = innermost(a.models ?? [], m => m.range, offset);
  if (model) return { range: model.range, markdown: modelSummaryMarkdown(model) };
  return undefined;
}

function contains(r: TextRange | undefined, offset: number): boolean {
  return !!r && r.start <= offset && offset < r.end;
}

/** The item whose range contains the offset and is the shortest (the first of equals). */
function innermost<T>(items: readonly T[], rangeOf: (item: T) => TextRange | undefined, offset: number): T | undefined {
  let best: T | undefined;
  let bestLength = Infinity;
  for (const item of items) {
    const r = rangeOf(item);
    if (!r || !contains(r, offset)) continue;
    const length = r.end - r.start;
    if (length < bestLength) {
      best = item;
      bestLength = length;
    }
  }
  return best;
}

/**
 * The uses written at the same place as `first` — a loop body or a helper runs that code once per iteration or call —,
 * one per layer name (a shared layer called again is the same layer).
 */
function builtAtSamePlace(uses: readonly LayerUse[], first: LayerUse, rangeOf: (u: LayerUse) => TextRange): LayerUse[] {
  const names = new Set<string>();
  return uses.filter(u => (u === first || sameRange(rangeOf(u), rangeOf(first))) && !names.has(u.name) && !!names.add(u.name));
}

/** Layers explained at most in one hover; the rest are counted. */
const MAX_LAYERS_SHOWN = 4;

/** One layer's hover, or, for several built at one place, each of them (up to MAX_LAYERS_SHOWN). */
function layersMarkdown(a: Analysis, group: readonly LayerUse[]): string {
  if (group.length === 1) return layerMarkdown(a, group[0]);
  const shown = group.slice(0, MAX_LAYERS_SHOWN).map(u => layerMarkdown(a, u));
  const head = `This code runs more than once (in a loop, or in a function called more than once) and builds ${group.length} layers here:`;
  const rest = group.length > MAX_LAYERS_SHOWN ? [`… and ${group.length - MAX_LAYERS_SHOWN} more.`] : [];
  return [head, ...shown, ...rest].join('\n\n---\n\n');
}

function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(s => s.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function shapesText(shapes: readonly (Shape | undefined)[] | undefined): string {
  return formatOutputs(shapes);
}

// ---- layers ---------------------------------------------------------------------------------------

function layerMarkdown(a: Analysis, u: LayerUse): string {
  const parts: string[] = [];
  let title = `**${escapeMarkdown(u.name)}** · ${code(u.type)}`;
  if (u.writtenAs && u.writtenAs !== u.type) title += ` (written ${code(u.writtenAs)})`;
  parts.push(title);
  parts.push(shapeLine(u));
  const explanations = u.explanations ?? [];
  if (explanations.length) parts.push(explanations.map(e => `- ${escapeMarkdown(e)}`).join('\n'));
  if (u.weights && u.weights.length) parts.push(weightsTable(u.weights));
  parts.push(paramsLine(u));
  for (const note of u.notes ?? []) parts.push(escapeMarkdown(note));
  const softmax = softmaxNote(u);
  if (softmax) parts.push(softmax);
  if (u.doc) parts.push(escapeMarkdown(u.doc));
  if (a.kerasVersionReason) parts.push(`*Assumes ${escapeMarkdown(a.kerasVersionReason)}*`);
  return parts.join('\n\n');
}

function shapeLine(u: LayerUse): string {
  const inputs = u.inputShapes ?? [];
  const output = shapesText(u.outputs);
  let line: string;
  if (inputs.length === 0) line = u.outputs ? `→ ${output}` : `? → ?`;
  else line = `${shapesText(inputs)} → ${output}`;
  if (u.unknownReason) line += ` — *${escapeMarkdown(u.unknownReason)}*`;
  return line;
}

function weightsTable(weights: readonly WeightInfo[]): string {
  const lines = ['| Weight | Shape | Axes | Trainable | Params |', '| --- | --- | --- | --- | ---: |'];
  for (const w of weights) {
    const axes = (w.axes ?? []).map(a => axisText(a, (w.axes ?? []).length > 1)).join(' × ');
    lines.push(`| ${tableCell(code(w.name))} | ${formatShape(w.shape)} | ${tableCell(axes)} | ${w.trainable ? 'yes' : 'no'} | ${formatCount(w.count)} |`);
  }
  return lines.join('\n');
}

/** Among several axes, one made of factors (`kernel rows · kernel cols · input channels`) is parenthesised. */
function axisText(axis: string, several: boolean): string {
  let depth = 0;
  let compound = false;
  for (const c of axis) {
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if ((c === '·' || c === '×') && depth === 0) compound = true;
  }
  return escapeMarkdown(compound && several ? `(${axis})` : axis);
}

function paramWord(n: number | undefined): string {
  return n === 1 ? 'param' : 'params';
}

/** `**320 params** = 3·3·1·32 + 32`, with the trainable / non-trainable split when there is one. */
function paramsLine(u: LayerUse): string {
  const total = u.params;
  let line = `**${formatCount(total)} ${paramWord(total)}**`;
  const weights = u.weights;
  if (!weights) return line;
  if (weights.length === 0) return `${line} (no weights)`;
  const sum = weights.every(w => w.count !== undefined) ? weights.reduce((s, w) => s + (w.count as number), 0) : undefined;
  // The formula is shown only when it cannot contradict the total.
  if (total === undefined ? sum === undefined : sum === total) {
    line += ` = ${weights.map(w => (w.shape.length === 0 ? '1' : w.shape.map(formatDim).join('·'))).join(' + ')}`;
  }
  if (weights.some(w => !w.trainable)) {
    const trainable = u.trainableParams;
    const nonTrainable = total !== undefined && trainable !== undefined ? total - trainable : undefined;
    line += ` (${formatCount(trainable)} trainable + ${formatCount(nonTrainable)} non-trainable)`;
  }
  return line;
}

/** Softmax on an image-like input: facts from the shapes only (the axis argument is not in the data). */
function softmaxNote(u: LayerUse): string | undefined {
  if (u.type !== 'Softmax') return undefined;
  const input = u.inputShapes?.length === 1 ? u.inputShapes[0] : undefined;
  const output = u.outputs?.length === 1 ? u.outputs[0] : undefined;
  if (!input || input.length < 4 || !output) return undefined;
  const spatial = input.slice(1, -1);
  const classes = input[input.length - 1];
  const axesName = spatial.length === 2 ? 'Height and width' : spatial.length === 3 ? 'Depth, height and width' : 'The middle axes';
  return `Per-position softmax: the output keeps the input's shape ${formatShape(output)}. ${axesName} stay ${spatial.map(formatDim).join('×')}, ` +
    `and with the default axis=-1 the last axis holds one channel per class (${formatDim(classes)} classes), whose values sum to 1 at every position.`;
}

// ---- variables ------------------------------------------------------------------------------------

function variableMarkdown(a: Analysis, v: VariableInfo): string {
  const name = code(v.name);
  if (v.producer.startsWith("model '")) {
    const model = v.producerRange ? findModel(a.models ?? [], v.producerRange) : undefined;
    if (model) return `${name}: ${escapeMarkdown(v.producer)}\n\n${modelSummaryMarkdown(model)}`;
    return `${name}: ${escapeMarkdown(v.producer)}, output ${shapesText(v.shapes)}`;
  }
  const parts = [`${name}: ${shapesText(v.shapes)}`];
  let producer = `output of ${escapeMarkdown(v.producer)}`;
  const use = v.producerRange ? (a.layerUses ?? []).find(u => sameRange(u.useRange, v.producerRange)) : undefined;
  if (!v.shapes && use?.unknownReason) producer += ` — *${escapeMarkdown(use.unknownReason)}*`;
  parts.push(producer);
  return parts.join('\n\n');
}

function sameRange(a: TextRange | undefined, b: TextRange | undefined): boolean {
  return !!a && !!b && a.start === b.start && a.end === b.end;
}

function findModel(models: readonly ModelInfo[], range: TextRange): ModelInfo | undefined {
  return models.find(m => sameRange(m.range, range));
}
