// The pooling group of the catalogue: one import per layer file.

import type { LayerSpec } from '../spec';
import { maxPooling1d } from './maxPooling1d';
import { maxPooling2d } from './maxPooling2d';
import { maxPooling3d } from './maxPooling3d';
import { averagePooling1d } from './averagePooling1d';
import { averagePooling2d } from './averagePooling2d';
import { averagePooling3d } from './averagePooling3d';
import { globalMaxPooling1d } from './globalMaxPooling1d';
import { globalMaxPooling2d } from './globalMaxPooling2d';
import { globalMaxPooling3d } from './globalMaxPooling3d';
import { globalAveragePooling1d } from './globalAveragePooling1d';
import { globalAveragePooling2d } from './globalAveragePooling2d';
import { globalAveragePooling3d } from './globalAveragePooling3d';

export const poolingLayers: LayerSpec[] = [
  maxPooling1d,
  maxPooling2d,
  maxPooling3d,
  averagePooling1d,
  averagePooling2d,
  averagePooling3d,
  globalMaxPooling1d,
  globalMaxPooling2d,
  globalMaxPooling3d,
  globalAveragePooling1d,
  globalAveragePooling2d,
  globalAveragePooling3d,
];
