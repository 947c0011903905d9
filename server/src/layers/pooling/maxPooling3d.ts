// MaxPooling3D (alias MaxPool3D): 3-D max pooling; the rule lives in poolingRules.ts.

import { makePooling } from './poolingRules';

export const maxPooling3d = makePooling('max', 3);
