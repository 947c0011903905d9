// The normalization group of the catalogue: one import per layer file.

import type { LayerSpec } from '../spec';

export const normalizationLayers: LayerSpec[] = [];
