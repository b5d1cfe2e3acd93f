import { describe, expect, it } from 'vitest';
import { alibiSlopes, ropeRotate, sinusoidalEncoding } from '../../notebooks/positions.ts';

describe('positional schemes', () => {
  it('sinusoidal: position 0 is (0, 1, 0, 1, …); position 1 with d = 2 is (sin 1, cos 1)', () => {
    expect(sinusoidalEncoding(0, 4)).toEqual([0, 1, 0, 1]);
    const p = sinusoidalEncoding(1, 2);
    expect(p[0]).toBeCloseTo(Math.sin(1), 12);
    expect(p[1]).toBeCloseTo(Math.cos(1), 12);
  });

  it('RoPE with d = 2 rotates (1, 0) by pos radians, and position 0 is the identity', () => {
    const r = ropeRotate([1, 0], 1);
    expect(r[0]).toBeCloseTo(Math.cos(1), 12);
    expect(r[1]).toBeCloseTo(Math.sin(1), 12);
    expect(ropeRotate([0.3, -2, 5, 1], 0)).toEqual([0.3, -2, 5, 1]);
  });

  it('RoPE scores depend only on the offset (d = 2: cos of the angle between rotated vectors)', () => {
    // <R_m q, R_n k> for q = k = (1, 0) is cos(m − n) when θ_0 = 1.
    const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1];
    expect(dot(ropeRotate([1, 0], 5), ropeRotate([1, 0], 2))).toBeCloseTo(Math.cos(3), 12);
    expect(dot(ropeRotate([1, 0], 105), ropeRotate([1, 0], 102))).toBeCloseTo(Math.cos(3), 10);
  });

  it('ALiBi slopes: 1/2 … 1/256 for 8 heads, 1/4 … 1/256 for 4', () => {
    expect(alibiSlopes(8)).toEqual([1 / 2, 1 / 4, 1 / 8, 1 / 16, 1 / 32, 1 / 64, 1 / 128, 1 / 256]);
    expect(alibiSlopes(4)).toEqual([1 / 4, 1 / 16, 1 / 64, 1 / 256]);
  });
});
