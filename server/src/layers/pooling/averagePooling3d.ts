// AveragePooling3D (alias AvgPool3D): 3-D average pooling; the rule lives in poolingRules.ts.

import { makePooling } from './poolingRules';

export const averagePooling3d = makePooling('average', 3);
