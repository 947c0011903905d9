// AveragePooling1D (alias AvgPool1D): 1-D average pooling (Keras 1: pool_length, stride, border_mode); the rule lives in poolingRules.ts.

import { makePooling } from './poolingRules';

export const averagePooling1d = makePooling('average', 1);
