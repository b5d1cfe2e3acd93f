/**
 * Running one experiment over several seeds and summarising the spread, so a
 * page's headline comparison shows mean ± spread instead of one lucky draw.
 */

export interface Spread {
  mean: number;
  /** Sample standard deviation (n − 1); 0 for a single value. */
  std: number;
  min: number;
  max: number;
  n: number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new RangeError('spread() needs at least one value');
  if (values.some((v) => !Number.isFinite(v))) throw new RangeError(`spread() got a value that is not a finite number: ${values.join(', ')}`);
  const n = values.length;
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  const std = n > 1 ? Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, std, min: Math.min(...values), max: Math.max(...values), n };
}

/** "0.363 ± 0.012": mean ± sample standard deviation. */
export function formatSpread(s: Pick<Spread, 'mean' | 'std'>, digits = 3): string {
  return `${s.mean.toFixed(digits)} ± ${s.std.toFixed(digits)}`;
}

/** Runs `run` once per seed, one after another (runs share the backend and its memory). */
export async function overSeeds<T>(seeds: readonly number[], run: (seed: number) => Promise<T> | T): Promise<T[]> {
  if (seeds.length === 0) throw new RangeError('overSeeds() needs at least one seed');
  const results: T[] = [];
  for (const seed of seeds) results.push(await run(seed));
  return results;
}

export type SeedRow = Record<string, string | number>;

export interface SummaryRow {
  /** The key columns' values, joined by " | ". */
  key: string;
  /** Per numeric column, its spread over the seeds. */
  metrics: Record<string, Spread>;
}

/**
 * Groups the rows of every seed's run by their key columns and summarises each
 * numeric column over the seeds. Groups keep the order they first appear in.
 */
export function summariseOverSeeds(runs: readonly (readonly SeedRow[])[], keys: readonly string[]): SummaryRow[] {
  const groups = new Map<string, SeedRow[]>();
  for (const rows of runs) {
    for (const row of rows) {
      const key = keys.map((k) => String(row[k])).join(' | ');
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
  }
  return [...groups.entries()].map(([key, rows]) => {
    const columns = Object.keys(rows[0]).filter((column) => !keys.includes(column) && typeof rows[0][column] === 'number');
    const metrics: Record<string, Spread> = {};
    for (const column of columns) metrics[column] = spread(rows.map((row) => row[column] as number));
    return { key, metrics };
  });
}

/** Table rows for display: the key, then "mean ± std" for every metric. */
export function spreadTable(summary: readonly SummaryRow[], keyName: string, digits = 3): Record<string, string>[] {
  return summary.map(({ key, metrics }) => ({ [keyName]: key, ...Object.fromEntries(Object.entries(metrics).map(([name, s]) => [name, formatSpread(s, digits)])) }));
}

export interface Gap extends Spread {
  /** Seeds on which the first setting scored higher. */
  wins: number;
  /** Every seed agrees on the gap's sign and its mean exceeds its standard deviation. */
  clear: boolean;
}

/**
 * The gap a − b taken seed by seed (a[i] and b[i] come from the same seed, so
 * what the seed shares between the two settings cancels), with its spread and
 * how many seeds agree on its sign.
 */
export function pairedGap(a: readonly number[], b: readonly number[]): Gap {
  if (a.length !== b.length) throw new RangeError(`pairedGap() needs one value per seed on both sides, got ${a.length} and ${b.length}`);
  const differences = a.map((x, i) => x - b[i]);
  const s = spread(differences);
  const wins = differences.filter((d) => d > 0).length;
  const losses = differences.filter((d) => d < 0).length;
  const agree = wins === s.n || losses === s.n;
  return { ...s, wins, clear: agree && Math.abs(s.mean) > s.std };
}
