/**
 * A reproducible uniform generator for simulation tests: Marsaglia's xorshift32 (2003), good enough for drawing
 * test populations and fixed by its seed so that a recovery test sees the same data on every run.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}
