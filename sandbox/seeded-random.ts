/**
 * The seeded PRNG both simulators draw from, so everything they invent is deterministic: the same
 * seed gives the same stream on every platform (demo screenshots and test expectations stay stable).
 */

/** mulberry32: tiny, fast, good enough for test data (not for secrets). Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
