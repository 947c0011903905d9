// The recurrent group of the catalogue: one import per layer file.

import type { LayerSpec } from '../spec';
import { simpleRnn } from './simpleRnn';
import { lstm } from './lstm';
import { gru } from './gru';
import { bidirectional } from './bidirectional';
import { timeDistributed } from './timeDistributed';
import { convLstm2d } from './convLstm2d';

export const recurrentLayers: LayerSpec[] = [simpleRnn, lstm, gru, bidirectional, timeDistributed, convLstm2d];
