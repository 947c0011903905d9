// The attention group of the catalogue: one import per layer file.

import type { LayerSpec } from '../spec';
import { multiHeadAttention } from './multiHeadAttention';
import { attention } from './attention';
import { additiveAttention } from './additiveAttention';

export const attentionLayers: LayerSpec[] = [multiHeadAttention, attention, additiveAttention];
