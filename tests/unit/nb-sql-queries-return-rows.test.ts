import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, setSqlEngine, toRows } from '../../notebooks/sql.ts';
import { nodeSqlEngine } from '../../src/cells/build/sql-engine.ts';

beforeAll(() => setSqlEngine(nodeSqlEngine()));

describe('notebooks/sql', () => {
  it('returns the rows of a grouped query as objects (values worked by hand)', async () => {
    const db = await openDatabase(`
      CREATE TABLE sales (region TEXT, units INTEGER);
      INSERT INTO sales VALUES ('north', 12), ('south', 7), ('north', 3), ('east', 20);
    `);
    // north: 12 + 3 = 15 over 2 rows; east 20; south 7.
    expect(db.query('SELECT region, sum(units) AS units, count(*) AS n FROM sales GROUP BY region ORDER BY region')).toEqual([
      { region: 'east', units: 20, n: 1 },
      { region: 'north', units: 15, n: 2 },
      { region: 'south', units: 7, n: 1 },
    ]);
    db.close();
  });

  it('binds parameters, keeps NULL as null and returns [] for statements without results', async () => {
    const db = await openDatabase('CREATE TABLE t (x INTEGER, y TEXT); INSERT INTO t VALUES (1, NULL), (2, \'b\');');
    expect(db.query('SELECT y FROM t WHERE x = ?', [1])).toEqual([{ y: null }]);
    expect(db.query('UPDATE t SET y = \'a\' WHERE x = 1')).toEqual([]);
    expect(db.queryAll('SELECT count(*) AS n FROM t; SELECT y FROM t ORDER BY x')).toEqual([[{ n: 2 }], [{ y: 'a' }, { y: 'b' }]]);
    db.close();
  });

  it('has window functions and log2 (SQLite 3.25+ and the math functions)', async () => {
    const db = await openDatabase();
    // log2(8) = 3; row_number over three rows is 1, 2, 3.
    expect(db.query('SELECT log2(8) AS l')).toEqual([{ l: 3 }]);
    expect(db.query('SELECT v, row_number() OVER (ORDER BY v DESC) AS rn FROM (SELECT 1 AS v UNION ALL SELECT 3 UNION ALL SELECT 2)').map((r) => r.rn)).toEqual([1, 2, 3]);
    db.close();
  });

  it('reports SQL errors by throwing', async () => {
    const db = await openDatabase();
    expect(() => db.query('SELECT * FROM missing_table')).toThrow(/no such table/);
    db.close();
  });

  it('gives every database its own storage, even when Math.random repeats (seeded kernels)', async () => {
    const random = Math.random;
    Math.random = () => 0.5; // what two pages with the same seed would both draw
    try {
      const a = await openDatabase('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);');
      const b = await openDatabase();
      expect(b.query("SELECT count(*) AS n FROM sqlite_master WHERE name = 't'")).toEqual([{ n: 0 }]);
      expect(a.query('SELECT x FROM t')).toEqual([{ x: 1 }]);
      a.close();
      b.close();
    } finally {
      Math.random = random;
    }
  });

  it('turns an empty result into no rows', () => {
    expect(toRows(undefined)).toEqual([]);
  });
});
