/**
 * Edit distances and one-edit neighbourhoods, for spelling correction.
 *
 * `levenshtein` counts insertions, deletions and substitutions; with
 * `transpositions` it is the optimal-string-alignment (OSA) variant of
 * Damerau–Levenshtein, which also counts swapping two adjacent characters as
 * one edit but never edits a substring twice (so it can exceed the true
 * Damerau distance: "ca" → "abc" is 3 in OSA and 2 unrestricted).
 */

/** Minimum number of edits turning `a` into `b`, by dynamic programming in O(|a|·|b|). */
export function levenshtein(a: string, b: string, transpositions = false): number {
  const D = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      D[i][j] = Math.min(D[i - 1][j] + 1, D[i][j - 1] + 1, D[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (transpositions && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) D[i][j] = Math.min(D[i][j], D[i - 2][j - 2] + 1);
    }
  }
  return D[a.length][b.length];
}

/** Every string one edit away from `w` over `alphabet` (insert, delete, substitute, and optionally swap neighbours); `w` itself excluded. */
export function edits1(w: string, alphabet: string, transpositions = true): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= w.length; i++) {
    for (const c of alphabet) out.add(w.slice(0, i) + c + w.slice(i));
    if (i < w.length) {
      out.add(w.slice(0, i) + w.slice(i + 1));
      for (const c of alphabet) if (c !== w[i]) out.add(w.slice(0, i) + c + w.slice(i + 1));
      if (transpositions && i + 1 < w.length) out.add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
    }
  }
  out.delete(w);
  return out;
}
