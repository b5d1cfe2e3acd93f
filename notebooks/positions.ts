/**
 * Positional schemes of Transformers, on plain arrays: sinusoidal encodings
 * (Vaswani et al. 2017), rotary embeddings (RoPE, Su et al.) and ALiBi head
 * slopes (Press et al. 2022).
 */

/** PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d)). */
export function sinusoidalEncoding(pos: number, d: number): number[] {
  return Array.from({ length: d }, (_, j) => {
    const angle = pos / 10000 ** ((2 * Math.floor(j / 2)) / d);
    return j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
  });
}

/** RoPE: rotate each coordinate pair (2i, 2i+1) of `x` by pos·θ_i, θ_i = base^(−2i/d). */
export function ropeRotate(x: number[], pos: number, base = 10000): number[] {
  const d = x.length;
  const out = x.slice();
  for (let i = 0; i < Math.floor(d / 2); i++) {
    const a = pos * base ** ((-2 * i) / d);
    out[2 * i] = x[2 * i] * Math.cos(a) - x[2 * i + 1] * Math.sin(a);
    out[2 * i + 1] = x[2 * i] * Math.sin(a) + x[2 * i + 1] * Math.cos(a);
  }
  return out;
}

/** ALiBi slopes for `heads` heads (a power of two): the geometric sequence 2^(−8/heads), 2^(−16/heads), … */
export function alibiSlopes(heads: number): number[] {
  return Array.from({ length: heads }, (_, h) => 2 ** ((-8 * (h + 1)) / heads));
}
