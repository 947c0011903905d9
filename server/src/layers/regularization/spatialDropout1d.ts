// SpatialDropout1D: drops whole channels of a (batch, steps, channels) input; the rule is in spatialDropout.ts.

import { makeSpatialDropout } from './spatialDropout';

export const spatialDropout1d = makeSpatialDropout(1);
