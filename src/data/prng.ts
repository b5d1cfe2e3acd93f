/**
 * Seeded randomness for the dataset builders: the notebooks' generator
 * (mulberry32, in notebooks/rng.ts), so the site has one seeded generator.
 * The datasets' contents depend on its exact sequence, which is why it is
 * written out there rather than taken from a package, and why
 * notebooks/rng.ts counts among the data version's sources.
 */
import { Rng } from '../../notebooks/rng.ts';

export type Random = () => number;

/** Uniform numbers in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): Random {
  const rng = new Rng(seed);
  return () => rng.next();
}

/** A generator for one named purpose, so that changing one builder does not reshuffle the others. */
export function streamFor(seed: number, purpose: string): Random {
  let h = seed >>> 0;
  for (let i = 0; i < purpose.length; i++) h = Math.imul(h ^ purpose.charCodeAt(i), 0x01000193) >>> 0;
  return mulberry32(h);
}

export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[randomInt(random, items.length)];
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
