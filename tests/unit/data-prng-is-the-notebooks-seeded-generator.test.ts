import { describe, expect, it } from 'vitest';
import { mulberry32, shuffled, streamFor } from '../../src/data/prng.ts';
import { Rng } from '../../notebooks/rng.ts';

describe('the dataset builders’ generator', () => {
  it('gives mulberry32’s known sequence for seed 1, the values the notebooks’ Rng gives', () => {
    // The first three 32-bit outputs of Tommy Ettinger's reference C code seeded with 1
    // (the same vector nb-checking-finds-the-first-disagreement checks for Rng).
    const random = mulberry32(1);
    expect([random(), random(), random()].map((x) => Math.round(x * 2 ** 32))).toEqual([2693262067, 11749833, 2265367787]);
  });

  it('shuffles as Rng.shuffle does from the same seed, and streams by purpose', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect(shuffled(mulberry32(7), items)).toEqual(new Rng(7).shuffle(items.slice()));
    expect(streamFor(1, 'splits')()).not.toBe(streamFor(1, 'pairs')());
  });
});
