// GlobalMaxPooling2D (alias GlobalMaxPool2D): max over all spatial positions, → (batch, channels); rule in poolingRules.ts.

import { makeGlobalPooling } from './poolingRules';

export const globalMaxPooling2d = makeGlobalPooling('max', 2);
