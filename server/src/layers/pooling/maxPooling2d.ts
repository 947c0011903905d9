// MaxPooling2D (alias MaxPool2D): 2-D max pooling; the rule lives in poolingRules.ts.

import { makePooling } from './poolingRules';

export const maxPooling2d = makePooling('max', 2);
