// GlobalAveragePooling3D (alias GlobalAvgPool3D): average over all spatial positions, → (batch, channels); rule in poolingRules.ts.

import { makeGlobalPooling } from './poolingRules';

export const globalAveragePooling3d = makeGlobalPooling('average', 3);
