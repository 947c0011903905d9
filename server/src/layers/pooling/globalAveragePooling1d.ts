// GlobalAveragePooling1D (alias GlobalAvgPool1D): average over all steps, → (batch, channels); rule in poolingRules.ts.

import { makeGlobalPooling } from './poolingRules';

export const globalAveragePooling1d = makeGlobalPooling('average', 1);
