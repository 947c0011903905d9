// The core group of the catalogue (keras.layers core): one import per layer file.

import type { LayerSpec } from '../spec';
import { dense } from './dense';
import { inputLayer } from './inputLayer';
import { activation } from './activation';
import { masking } from './masking';
import { lambda } from './lambda';
import { embedding } from './embedding';

export const coreLayers: LayerSpec[] = [dense, inputLayer, activation, masking, lambda, embedding];
