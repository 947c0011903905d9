// SpatialDropout1D/2D/3D: drops whole feature maps (channels) instead of single values; the shape passes
// through. Inputs must be exactly 3-D, 4-D or 5-D (batch included).

import { dataFormatArg } from '../commonArgs';
import { ArgSpec, LayerSpec, single } from '../spec';

export function makeSpatialDropout(rank: 1 | 2 | 3): LayerSpec {
  const args: ArgSpec[] = [{ name: 'rate', keras1: ['p'] }];
  if (rank > 1) args.push(dataFormatArg);
  args.push({ name: 'seed' });
  return {
    className: `SpatialDropout${rank}D`,
    tfjs: rank === 1 ? 'spatialDropout1d' : null,
    args,
    keras1OnlyArgs: rank > 1 ? ['p', 'dim_ordering'] : ['p'],
    rank: { exact: rank + 2 },
    doc: `Drops entire ${rank}-D feature maps during training: output shape = input shape (rank ${rank + 2}), no weights.`,
    build(ctx) {
      return single(ctx.input.slice());
    },
  };
}
