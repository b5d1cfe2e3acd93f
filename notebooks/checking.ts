/**
 * The test harness of the algorithm-problem pages: hand-written cases and a
 * comparison against a brute-force reference on seeded random inputs, both
 * returning rows for a pass/fail table. Every page's test cell is
 * `table(rows); assertAllPass(rows)`, so a wrong solution fails the build.
 */
import { Rng } from './rng.ts';

export interface CheckRow {
  check: string;
  input: string;
  expected: string;
  got: string;
  pass: boolean;
}

export interface ShowOptions<O> {
  /** Equality of two answers; structural equality by default. */
  equal?: (got: O, expected: O) => boolean;
  /** How inputs and answers are written in the table; compact JSON by default. */
  show?: (value: unknown) => string;
}

export interface Case<I, O> {
  name: string;
  input: I;
  expected: O;
}

/** Structural equality of plain data: arrays, plain objects, Maps, Sets, primitives (NaN equals NaN). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Map && b instanceof Map) {
    return a.size === b.size && [...a].every(([key, value]) => b.has(key) && deepEqual(value, b.get(key)));
  }
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((value) => b.has(value));
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Compact JSON (BigInt as `12n`, undefined kept), cut to `limit` characters so one long input cannot flood the table. */
export function showValue(value: unknown, limit = 120): string {
  const text =
    value === undefined
      ? 'undefined'
      : typeof value === 'string'
        ? JSON.stringify(value)
        : (JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Set ? [...v] : v instanceof Map ? [...v] : v)) ?? String(value));
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

// Each call gets its own copy, so a solution that sorts or overwrites its input in
// place cannot change what the table shows or what the reference receives.
const copy = <T>(value: T): T => structuredClone(value);

/** Runs `solve` on each case and compares with the case's expected answer. */
export function checkCases<I, O>(cases: readonly Case<I, O>[], solve: (input: I) => O, options: ShowOptions<O> = {}): CheckRow[] {
  const equal = options.equal ?? deepEqual;
  const show = options.show ?? ((value: unknown) => showValue(value));
  return cases.map(({ name, input, expected }) => {
    const shown = show(input);
    const got = solve(copy(input));
    return { check: name, input: shown, expected: show(expected), got: show(got), pass: equal(got, expected) };
  });
}

export interface ReferenceCheck<I, O> extends ShowOptions<O> {
  /** How many random inputs to try. */
  trials: number;
  seed: number;
  generate: (rng: Rng, trial: number) => I;
  solve: (input: I) => O;
  /** An obviously correct (usually brute-force) solution to compare with. */
  reference: (input: I) => O;
  /** What the row is called in the table. */
  name?: string;
}

/**
 * Compares `solve` with `reference` on `trials` seeded random inputs. Returns
 * one row: the count that agreed and, on a failure, the first input where the
 * two disagree (the smallest failing case is usually the easiest to debug, so
 * generators should start small).
 */
export function checkAgainstReference<I, O>(check: ReferenceCheck<I, O>): CheckRow {
  if (!Number.isInteger(check.trials) || check.trials < 1) throw new RangeError(`trials must be a positive integer, got ${check.trials}`);
  const equal = check.equal ?? deepEqual;
  const show = check.show ?? ((value: unknown) => showValue(value));
  const rng = new Rng(check.seed);
  const name = check.name ?? `${check.trials} random inputs (seed ${check.seed}) vs reference`;
  let agreed = 0;
  let failure: Omit<CheckRow, 'check' | 'pass'> | null = null;
  for (let trial = 0; trial < check.trials; trial++) {
    const input = check.generate(rng, trial);
    const expected = check.reference(copy(input));
    const got = check.solve(copy(input));
    if (equal(got, expected)) agreed++;
    else failure ??= { input: show(input), expected: show(expected), got: show(got) };
  }
  const summary = `${agreed}/${check.trials} agree`;
  return failure === null
    ? { check: name, input: '(random)', expected: summary, got: summary, pass: true }
    : { check: `${name}: ${summary}`, ...failure, pass: false };
}

/** Throws, naming the failed checks, unless every row passed. */
export function assertAllPass(rows: readonly CheckRow[]): void {
  const failed = rows.filter((row) => !row.pass);
  if (failed.length > 0) throw new Error(`${failed.length} of ${rows.length} checks failed: ${failed.map((row) => row.check).join('; ')}`);
}
