// AveragePooling2D (alias AvgPool2D): 2-D average pooling; the rule lives in poolingRules.ts.

import { makePooling } from './poolingRules';

export const averagePooling2d = makePooling('average', 2);
