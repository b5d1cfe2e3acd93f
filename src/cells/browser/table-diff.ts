/**
 * Which values of the reader's table differ from the build's. Both tables are
 * compared as the page shows them (the one renderer formats numbers the same
 * way for the build and the live page), so a difference is one the reader can
 * see, not noise in the seventh digit. Columns are matched by name, so an edit
 * that adds or reorders columns still lines the old ones up; rows by position.
 */
export interface ShownTable {
  columns: string[];
  rows: string[][];
}

export interface ChangedValue {
  row: number;
  column: number;
  /** What the build showed there; undefined where the build had no such row or column. */
  build: string | undefined;
}

export interface TableDiff {
  changed: ChangedValue[];
  /** Values in the reader's table. */
  total: number;
}

/** Equal as shown, or as numbers ("1e-3" and "0.001" are the same value). */
function same(a: string, b: string): boolean {
  if (a === b) return true;
  const x = Number(a.trim());
  const y = Number(b.trim());
  return a.trim() !== '' && b.trim() !== '' && !Number.isNaN(x) && x === y;
}

export function diffTables(build: ShownTable, mine: ShownTable): TableDiff {
  const buildColumn = mine.columns.map((name) => build.columns.indexOf(name));
  const changed: ChangedValue[] = [];
  let total = 0;
  mine.rows.forEach((row, r) => {
    row.forEach((value, c) => {
      total += 1;
      const index = buildColumn[c] ?? -1;
      const was = index >= 0 ? build.rows[r]?.[index] : undefined;
      if (was === undefined || !same(was, value)) changed.push({ row: r, column: c, build: was });
    });
  });
  return { changed, total };
}
