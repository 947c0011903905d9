// GlobalAveragePooling2D (alias GlobalAvgPool2D): average over all spatial positions, → (batch, channels); rule in poolingRules.ts.

import { makeGlobalPooling } from './poolingRules';

export const globalAveragePooling2d = makeGlobalPooling('average', 2);
