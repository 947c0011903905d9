// How many loop rounds one analysis unrolls, for both evaluators: each loop of known length up to MAX_UNROLL rounds,
// and all loops together up to MAX_UNROLLED_ROUNDS (nested loops multiply: 40 nested loops of two rounds would be
// 2^40 rounds). Past it, a loop is analysed once for all its rounds, as one of unknown length.

export const MAX_UNROLL = 64;
export const MAX_UNROLLED_ROUNDS = 20_000;

export class UnrollBudget {
  private used = 0;

  /** Whether a loop of `rounds` is unrolled; if so, its rounds are taken from the budget. */
  take(rounds: number): boolean {
    if (rounds > MAX_UNROLL || this.used + rounds > MAX_UNROLLED_ROUNDS) return false;
    this.used += rounds;
    return true;
  }
}
