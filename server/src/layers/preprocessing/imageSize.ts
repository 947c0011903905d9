// Shared by Resizing and CenterCrop: replaces the height and width of an image batch (rank 4) or a single
// image (rank 3, which Keras treats as unbatched) with (height, width), per data_format.

import { Dim, Shape, formatShape } from '../../infer/shape';
import type { BuildContext } from '../spec';

export function withImageSize(ctx: BuildContext, className: string, channelsLastOnly: boolean): Shape | undefined {
  const input = ctx.input;
  const format = channelsLastOnly ? 'channels_last' : ctx.dataFormat();
  if (format === '?') return undefined;
  const height = ctx.int('height');
  const width = ctx.int('width');
  for (const [name, v] of [['height', height], ['width', width]] as const) {
    if (typeof v === 'number' && v <= 0) ctx.error('bad-argument', `${className} expects a positive ${name}; received ${name}=${v}.`);
  }
  // Height and width sit at axes -3, -2 (channels_last) or -2, -1 (channels_first), batched or not.
  const rank = input.length;
  const [h, w] = format === 'channels_last' ? [rank - 3, rank - 2] : [rank - 2, rank - 1];
  const out = input.slice();
  out[h] = height as Dim;
  out[w] = width as Dim;
  if (rank === 3) ctx.note(`${className} treats a rank-3 input as one unbatched image; for an image batch the input should be 4-D.`);
  ctx.explain(`(height, width) ${formatShape([input[h], input[w]])} → ${formatShape([height, width])}`);
  return out;
}
