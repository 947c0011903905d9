// SpatialDropout2D: drops whole channels of a 4-D image input; the rule is in spatialDropout.ts.

import { makeSpatialDropout } from './spatialDropout';

export const spatialDropout2d = makeSpatialDropout(2);
