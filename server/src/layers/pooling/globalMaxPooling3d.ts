// GlobalMaxPooling3D (alias GlobalMaxPool3D): max over all spatial positions, → (batch, channels); rule in poolingRules.ts.

import { makeGlobalPooling } from './poolingRules';

export const globalMaxPooling3d = makeGlobalPooling('max', 3);
