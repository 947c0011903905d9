// The reshaping group of the catalogue: one import per layer file.

import type { LayerSpec } from '../spec';
import { zeroPadding1d } from './zeroPadding1d';
import { zeroPadding2d } from './zeroPadding2d';
import { zeroPadding3d } from './zeroPadding3d';
import { cropping1d } from './cropping1d';
import { cropping2d } from './cropping2d';
import { cropping3d } from './cropping3d';
import { upSampling1d } from './upSampling1d';
import { upSampling2d } from './upSampling2d';
import { upSampling3d } from './upSampling3d';
import { flatten } from './flatten';
import { reshape } from './reshape';
import { permute } from './permute';
import { repeatVector } from './repeatVector';

export const reshapingLayers: LayerSpec[] = [
  zeroPadding1d,
  zeroPadding2d,
  zeroPadding3d,
  cropping1d,
  cropping2d,
  cropping3d,
  upSampling1d,
  upSampling2d,
  upSampling3d,
  flatten,
  reshape,
  permute,
  repeatVector,
];
