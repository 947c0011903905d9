// Resizing: resizes images to (height, width) by interpolation; the other axes pass through. No weights.

import { dataFormatArg } from '../commonArgs';
import { LayerSpec, single } from '../spec';
import { withImageSize } from './imageSize';

export const resizing: LayerSpec = {
  className: 'Resizing',
  versions: ['tf.keras', '3'],
  tfjs: 'resizing',
  args: [
    { name: 'height' },
    { name: 'width' },
    { name: 'interpolation', default: 'bilinear' },
    { name: 'crop_to_aspect_ratio', default: false },
    { name: 'pad_to_aspect_ratio', default: false, tfjs: null },
    { name: 'fill_mode', default: 'constant', tfjs: null },
    { name: 'fill_value', default: 0, tfjs: null },
    { ...dataFormatArg, tfjs: null },
  ],
  rank: { min: 3, max: 4 },
  doc: 'Resizes images to (height, width): the spatial axes are replaced, batch and channels pass through. No weights.',
  build(ctx) {
    // tf.keras' Resizing has no data_format: it is always channels_last.
    return single(withImageSize(ctx, 'Resizing', ctx.version !== '3'));
  },
};
