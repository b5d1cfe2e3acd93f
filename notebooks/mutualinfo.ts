/**
 * Mutual-information estimators on samples of two scalar variables, for
 * testing against Gaussians whose mutual information is known:
 * the Donsker–Varadhan lower bound (MINE's objective), the InfoNCE bound
 * log N − L, and a histogram plug-in estimate. All in nats.
 */

/** A critic T(x, y): high for pairs drawn jointly. */
export type Critic = (x: number, y: number) => number;

/** I(X; Y) = −½ log(1 − ρ²) for jointly Gaussian variables with correlation ρ. */
export function gaussianMutualInformation(rho: number): number {
  return -0.5 * Math.log(1 - rho * rho);
}

/** log of the mean of exp(v), computed stably. */
export function logMeanExp(v: number[]): number {
  const m = Math.max(...v);
  return m + Math.log(v.reduce((s, t) => s + Math.exp(t - m), 0) / v.length);
}

/**
 * DV bound E_joint[T] − log E_product[e^T]; product pairs pair x_i with
 * y_{(i + shift) mod n} (0 < shift < n), a cheap stand-in for independent draws.
 */
export function donskerVaradhanBound(T: Critic, x: number[], y: number[], shift: number): number {
  const joint = x.reduce((s, xi, i) => s + T(xi, y[i]), 0) / x.length;
  const product = x.map((xi, i) => T(xi, y[(i + shift) % x.length]));
  return joint - logMeanExp(product);
}

/** InfoNCE bound log N − L over consecutive batches of N pairs (a trailing partial batch is dropped). */
export function infoNceBound(T: Critic, x: number[], y: number[], N: number): number {
  let loss = 0;
  let batches = 0;
  for (let start = 0; start + N <= x.length; start += N, batches++) {
    for (let i = start; i < start + N; i++) {
      const scores = Array.from({ length: N }, (_, j) => T(x[i], y[start + j]));
      loss += -(scores[i - start] - (Math.log(N) + logMeanExp(scores))) / N;
    }
  }
  return Math.log(N) - loss / batches;
}

/** Plug-in estimate from a bins × bins histogram over [−range, range]² (values outside go to the edge bins). */
export function histogramMutualInformation(x: number[], y: number[], bins: number, range = 4): number {
  const idx = (v: number) => Math.min(bins - 1, Math.max(0, Math.floor(((v + range) / (2 * range)) * bins)));
  const joint = new Map<number, number>();
  const px = new Array<number>(bins).fill(0);
  const py = new Array<number>(bins).fill(0);
  x.forEach((xi, i) => {
    const a = idx(xi);
    const b = idx(y[i]);
    joint.set(a * bins + b, (joint.get(a * bins + b) ?? 0) + 1);
    px[a]++;
    py[b]++;
  });
  const n = x.length;
  let mi = 0;
  for (const [key, count] of joint) mi += (count / n) * Math.log((count * n) / (px[Math.floor(key / bins)] * py[key % bins]));
  return mi;
}
