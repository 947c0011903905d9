// SpatialDropout3D: drops whole channels of a 5-D volume input; the rule is in spatialDropout.ts.

import { makeSpatialDropout } from './spatialDropout';

export const spatialDropout3d = makeSpatialDropout(3);
