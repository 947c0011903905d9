// MaxPooling1D (alias MaxPool1D): 1-D max pooling (Keras 1: pool_length, stride, border_mode); the rule lives in poolingRules.ts.

import { makePooling } from './poolingRules';

export const maxPooling1d = makePooling('max', 1);
