// Objects shared between layers, rows and analyses (memoised builds, weight summaries) must never be changed by
// whoever reads them. Their types are read-only; tests also freeze them, so that a change anywhere throws
// (`test/support/guardShared.ts`). Freezing every shared object costs a tenth of a small file's analysis, so the
// server and the command line leave them as they are.

let guarding = false;

/** Turns freezing of shared objects on (tests) or off (the default). */
export function guardSharedObjects(on: boolean): void {
  guarding = on;
}

/** `value`, frozen while guarding is on. */
export function shared<T>(value: T): T {
  return guarding ? Object.freeze(value) : value;
}
