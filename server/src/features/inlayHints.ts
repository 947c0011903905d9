// Inlay hints: the output shape after each layer expression (a Sequential item, `model.add(...)`,
// `Layer(...)(x)`, `Input(...)`), optionally with the parameter count; computed for a range only.

import type { Analysis, LayerUse, TextRange } from '../service/types';
import { formatCount, formatOutputs, formatShape } from '../infer/shape';
import type { FeatureSettings, HintInfo } from './types';

/** Uses at one position (a loop or a helper building a layer again and again) shown in one hint, at most. */
const MAX_GROUP_SHOWN = 8;

/** Layer uses sorted by hint offset, built once per analysis (analyses are immutable). */
const byHintOffset = new WeakMap<Analysis, LayerUse[]>();

function usesByHint(analysis: Analysis): LayerUse[] {
  let sorted = byHintOffset.get(analysis);
  if (!sorted) {
    sorted = [...analysis.layerUses].sort((a, b) => a.hintOffset - b.hintOffset || a.useRange.start - b.useRange.start);
    byHintOffset.set(analysis, sorted);
  }
  return sorted;
}

/** Index of the first use whose hint offset is >= offset. */
function lowerBound(uses: readonly LayerUse[], offset: number): number {
  let lo = 0;
  let hi = uses.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (uses[mid].hintOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function labelOf(use: LayerUse, settings: FeatureSettings): string {
  const shape = use.outputs ? formatOutputs(use.outputs) : '?';
  return settings.hintParams && use.params !== undefined && use.params > 0 ? `${shape} · ${formatCount(use.params)} params` : shape;
}

function tooltipOf(use: LayerUse): string {
  const output = use.outputs ? formatOutputs(use.outputs) : '?';
  const lines = [`**${use.name}** · \`${use.type}\``, '', use.inputShapes.length ? `${formatOutputs(use.inputShapes)} → ${output}` : `→ ${output}`];
  if (!use.outputs && use.unknownReason) lines.push('', `_Unknown: ${use.unknownReason}_`);
  if (use.weights && use.weights.length) {
    lines.push('');
    for (const w of use.weights) lines.push(`- ${w.name} ${formatShape(w.shape)}${w.trainable ? '' : ' (non-trainable)'}`);
  }
  if (use.params !== undefined) lines.push('', `${formatCount(use.params)} params`);
  return lines.join('\n');
}

/**
 * Hints whose position lies in `range` (inclusive). Several uses at one position (a layer in a loop that
 * was unrolled, or built by a helper called several times) are shown as one hint listing each distinct shape,
 * up to MAX_GROUP_SHOWN of them.
 */
export function inlayHintsIn(analysis: Analysis, range: TextRange, settings: FeatureSettings): HintInfo[] {
  if (!settings.hints) return [];
  const uses = usesByHint(analysis);
  const out: HintInfo[] = [];
  for (let i = lowerBound(uses, range.start); i < uses.length && uses[i].hintOffset <= range.end; ) {
    const offset = uses[i].hintOffset;
    const group: LayerUse[] = [];
    while (i < uses.length && uses[i].hintOffset === offset) group.push(uses[i++]);
    const labels = [...new Set(group.map(u => labelOf(u, settings)))];
    const shownLabels = labels.length > MAX_GROUP_SHOWN ? [...labels.slice(0, MAX_GROUP_SHOWN), `… ${labels.length - MAX_GROUP_SHOWN} more`] : labels;
    const tooltips = group.slice(0, MAX_GROUP_SHOWN).map(tooltipOf);
    if (group.length > MAX_GROUP_SHOWN) tooltips.push(`… and ${group.length - MAX_GROUP_SHOWN} more layers built here`);
    out.push({ offset, label: `→ ${shownLabels.join(' | ')}`, tooltip: tooltips.join('\n\n---\n\n') });
  }
  return out;
}
