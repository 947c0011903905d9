// GlobalMaxPooling1D (alias GlobalMaxPool1D): max over all steps, → (batch, channels); rule in poolingRules.ts.

import { makeGlobalPooling } from './poolingRules';

export const globalMaxPooling1d = makeGlobalPooling('max', 1);
