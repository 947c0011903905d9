// Loaded before every unit test file (`node --require`, see package.json): objects the analysis shares between
// layers, rows and analyses are frozen, so that any code changing one throws in the tests (sharedObjects.ts).

import { guardSharedObjects } from '../../server/src/infer/sharedObjects';

guardSharedObjects(true);
