// The merging group of the catalogue: one import per layer file.

import type { LayerSpec } from '../spec';
import { add } from './add';
import { subtract } from './subtract';
import { multiply } from './multiply';
import { average } from './average';
import { maximum } from './maximum';
import { minimum } from './minimum';
import { concatenate } from './concatenate';
import { dot } from './dot';

export const mergingLayers: LayerSpec[] = [add, subtract, multiply, average, maximum, minimum, concatenate, dot];
