import { describe, expect, it } from 'vitest';
import { assertAllPass, checkAgainstReference, checkCases, deepEqual, showValue } from '../../notebooks/checking.ts';
import { Rng } from '../../notebooks/rng.ts';

describe('the seeded generator', () => {
  it('gives mulberry32’s known sequence for seed 1', () => {
    // mulberry32 seeded with 1: the first three 32-bit outputs of the reference C code
    // (Tommy Ettinger's, compiled with gcc 12 on this machine), divided by 2^32 by next().
    const rng = new Rng(1);
    expect([rng.next(), rng.next(), rng.next()].map((x) => Math.round(x * 2 ** 32))).toEqual([2693262067, 11749833, 2265367787]);
  });

  it('draws integers inside inclusive bounds and refuses to pick from nothing', () => {
    const rng = new Rng(3);
    const draws = rng.ints(2000, -2, 2);
    expect(new Set(draws)).toEqual(new Set([-2, -1, 0, 1, 2]));
    expect(rng.string(5, 'ab')).toMatch(/^[ab]{5}$/);
    expect(() => rng.pick([])).toThrow(RangeError);
  });
});

describe('checkCases', () => {
  it('marks each case and gives the solution a copy of its input', () => {
    const sortInPlace = (xs: number[]) => xs.sort((a, b) => a - b);
    const rows = checkCases(
      [
        { name: 'unsorted', input: [3, 1, 2], expected: [1, 2, 3] },
        { name: 'wrong on purpose', input: [2, 1], expected: [2, 1] },
      ],
      sortInPlace,
    );
    expect(rows.map((row) => row.pass)).toEqual([true, false]);
    expect(rows[0].input).toBe('[3,1,2]');
    expect(rows[1].got).toBe('[1,2]');
  });
});

describe('checkAgainstReference', () => {
  const generate = (rng: Rng) => rng.ints(rng.between(0, 6), -5, 5);
  const reference = (xs: number[]) => xs.reduce((a, b) => Math.max(a, b), -Infinity);

  it('passes when the two agree on every input', () => {
    const row = checkAgainstReference({ trials: 200, seed: 1, generate, solve: (xs) => Math.max(...xs), reference });
    expect(row.pass).toBe(true);
    expect(row.got).toBe('200/200 agree');
  });

  it('reports the first input where they disagree', () => {
    // Wrong for any list whose maximum is negative or that is empty.
    const buggy = (xs: number[]) => xs.reduce((a, b) => Math.max(a, b), 0);
    const row = checkAgainstReference({ trials: 200, seed: 1, generate, solve: buggy, reference });
    expect(row.pass).toBe(false);
    expect(row.check).toMatch(/agree$/);
    expect(buggy(JSON.parse(row.input))).not.toBe(reference(JSON.parse(row.input)));
  });

  it('refuses a trial count that would check nothing', () => {
    expect(() => checkAgainstReference({ trials: 0, seed: 1, generate, solve: reference, reference })).toThrow(RangeError);
  });
});

describe('assertAllPass and the helpers', () => {
  it('throws naming the failures', () => {
    expect(() => assertAllPass([{ check: 'a', input: '', expected: '', got: '', pass: false }])).toThrow(/1 of 1 checks failed: a/);
    expect(() => assertAllPass([{ check: 'a', input: '', expected: '', got: '', pass: true }])).not.toThrow();
  });

  it('compares structurally and prints compactly', () => {
    expect(deepEqual({ a: [1, NaN] }, { a: [1, NaN] })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual(new Map([[1, [2]]]), new Map([[1, [2]]]))).toBe(true);
    expect(deepEqual({ a: undefined }, {})).toBe(false);
    expect(showValue(10n)).toBe('"10n"');
    expect(showValue('x'.repeat(500)).length).toBe(120);
  });
});
