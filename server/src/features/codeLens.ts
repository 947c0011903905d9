// Code lenses above each model: `3 layers · 1,234,567 params · Show summary`.

import type { Analysis } from '../service/types';
import { formatCount } from '../infer/shape';
import type { LensInfo } from './types';

export function modelLenses(analysis: Analysis): LensInfo[] {
  return analysis.models.map(m => {
    const layers = m.layers.length;
    const count = m.complete ? `${layers} layer${layers === 1 ? '' : 's'}` : '? layers';
    return { range: m.range, modelName: m.name, title: `${count} · ${formatCount(m.totalParams)} params · Show summary` };
  });
}
