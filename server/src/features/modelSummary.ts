// A model as `model.summary()` reports it, with a weights column: as Markdown (hovers, the summary lens)
// and as the CLI's plain-text table. Pure functions of a ModelInfo; unknown values show as `?`.

import type { LayerInfo, ModelInfo } from '../service/types';
import { formatCount, formatOutputs, formatShape } from '../infer/shape';

/**
 * Escapes text for inline Markdown: code spans (`…`) are kept as written (the catalogue writes them on
 * purpose); elsewhere the characters that could start emphasis, links, HTML or a block are escaped.
 */
export function escapeMarkdown(text: string): string {
  const flat = joinLines(text);
  const parts = flat.split(/(`[^`]+`)/);
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (i % 2 === 1) { out += part; continue; }
    for (let j = 0; j < part.length; j++) {
      const c = part[j];
      if (c === '_') {
        const intraword = j > 0 && j < part.length - 1 && /[A-Za-z0-9]/.test(part[j - 1]) && /[A-Za-z0-9]/.test(part[j + 1]);
        out += intraword ? c : '\\_';
      } else if ('\\`*~'.includes(c)
        || (c === '<' && /[A-Za-z/!?]/.test(part[j + 1] ?? '')) // an HTML tag or autolink
        || (c === ']' && /[([]/.test(part[j + 1] ?? '')) // a link
        || (c === '&' && /^&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(part.slice(j)))) { // an entity
        out += `\\${c}`;
      } else {
        out += c;
      }
    }
  }
  if (/^([#>+=-]|\[[^\]]*\]:)/.test(out)) return `\\${out}`; // a heading, quote, list or link definition
  return out.replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * Every run of whitespace that holds a line break becomes one space (the text goes on one line). A loop, not
 * a regular expression: `\s*[\r\n]+\s*` backtracks quadratically over a long run of spaces.
 */
function joinLines(text: string): string {
  if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (!WHITESPACE.test(text[i])) {
      out += text[i++];
      continue;
    }
    let j = i;
    let lineBreak = false;
    for (; j < text.length && WHITESPACE.test(text[j]); j++) if (text[j] === '\n' || text[j] === '\r') lineBreak = true;
    out += lineBreak ? ' ' : text.slice(i, j);
    i = j;
  }
  return out;
}

const WHITESPACE = /\s/;

/** A table cell: pipes escaped (GFM needs `\\|` even inside code spans). */
export function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function weightsText(l: LayerInfo): string {
  if (!l.weights) return l.unknownReason ? '?' : '';
  return l.weights.map(w => `${w.name} ${formatShape(w.shape)}${w.trainable ? '' : ' (non-trainable)'}`).join(', ');
}

function layerRows(model: ModelInfo): string[][] {
  return model.layers.map(l => [`${l.name} (${l.type})`, formatOutputs(l.outputs), l.params === undefined ? '?' : formatCount(l.params), weightsText(l)]);
}

function unknownLayers(model: ModelInfo): LayerInfo[] {
  return model.layers.filter(l => l.unknownReason);
}

function textTable(rows: string[][], header: string[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('   ').trimEnd();
  const rule = '-'.repeat(widths.reduce((a, b) => a + b + 3, -3));
  return [rule, line(header), rule, ...rows.map(line), rule];
}

/** The plain-text table the CLI prints under each `Model: "…"` line (no trailing newline). */
const INCOMPLETE = 'Only part of this model could be followed: its graph runs through operations ShapeLens does not analyse, or layers added under a condition or loop it cannot resolve; the layers listed are the ones it could trace.';

export function modelSummaryText(model: ModelInfo): string {
  const out = textTable(layerRows(model), ['Layer (type)', 'Output Shape', 'Param #', 'Weights (get_weights() order)']);
  out.push(` Total params: ${formatCount(model.totalParams)}`);
  out.push(` Trainable params: ${formatCount(model.trainableParams)}`);
  out.push(` Non-trainable params: ${formatCount(model.nonTrainableParams)}`);
  const unknown = unknownLayers(model);
  if (unknown.length) out.push(` ? = not inferable: ${unknown.map(l => `${l.name}: ${l.unknownReason}`).join('; ')}`);
  if (!model.complete) out.push(` ${INCOMPLETE}`);
  return out.join('\n');
}

/** A Markdown table: Layer (type) | Output Shape | Param # | Weights, then the three totals. */
export function modelSummaryMarkdown(model: ModelInfo): string {
  const parts: string[] = [];
  parts.push(`**Model: "${escapeMarkdown(model.name)}"** (${model.kind})`);
  if (model.layers.length === 0) {
    parts.push('*No layers.*');
  } else {
    const lines = ['| Layer (type) | Output Shape | Param # | Weights |', '| --- | --- | ---: | --- |'];
    for (const row of layerRows(model)) {
      const [layer, output, params, weights] = row;
      lines.push(`| ${tableCell(escapeMarkdown(layer))} | ${tableCell(output)} | ${params} | ${tableCell(escapeMarkdown(weights))} |`);
    }
    parts.push(lines.join('\n'));
  }
  parts.push([
    `Total params: ${formatCount(model.totalParams)}\\`,
    `Trainable params: ${formatCount(model.trainableParams)}\\`,
    `Non-trainable params: ${formatCount(model.nonTrainableParams)}`,
  ].join('\n'));
  const unknown = unknownLayers(model);
  if (unknown.length) parts.push(`*? = not inferable: ${unknown.map(l => `${escapeMarkdown(l.name)}: ${escapeMarkdown(l.unknownReason ?? '')}`).join('; ')}*`);
  if (!model.complete) parts.push(`*${INCOMPLETE}*`);
  return parts.join('\n\n');
}
