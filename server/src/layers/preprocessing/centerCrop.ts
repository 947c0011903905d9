// CenterCrop: crops the central (height, width) window of images. An image smaller than the target is
// resized up (Keras smart_resize), so the output is always (height, width). No weights.

import { dataFormatArg } from '../commonArgs';
import { LayerSpec, single } from '../spec';
import { withImageSize } from './imageSize';

export const centerCrop: LayerSpec = {
  className: 'CenterCrop',
  versions: ['tf.keras', '3'],
  tfjs: 'centerCrop',
  args: [
    { name: 'height' },
    { name: 'width' },
    { ...dataFormatArg, tfjs: null },
  ],
  rank: { min: 3, max: 4 },
  doc: 'Crops the central (height, width) window (resizing up an image smaller than that): spatial axes replaced. No weights.',
  build(ctx) {
    const out = withImageSize(ctx, 'CenterCrop', ctx.version !== '3');
    const input = ctx.input;
    if (out) {
      const changed = out.map((d, i) => [input[i], d] as const).filter(([a, b]) => typeof a === 'number' && typeof b === 'number' && b > a);
      if (changed.length > 0) ctx.note('The target is larger than the input on some axis: Keras resizes such an image (keeping the aspect ratio, then cropping) instead of failing, so the output still has the target size.');
    }
    return single(out);
  },
};
