/**
 * SQL for notebook cells: SQLite compiled to WebAssembly (sql.js), the same
 * engine in the build (Node) and in the reader's browser. A cell builds small
 * tables and gets result rows back as plain objects for `table(...)`.
 *
 * The notebook knows no file path or URL: the host installs the engine with
 * `setSqlEngine` (Node reads the WASM binary from node_modules; the browser
 * worker loads the copy the site serves), as `notebooks/data.ts` gets its
 * data source.
 */

/** The part of sql.js's `Database` this module uses. */
export interface SqlJsDatabase {
  exec(sql: string, params?: SqlValue[]): Array<{ columns: string[]; values: SqlValue[][] }>;
  run(sql: string, params?: SqlValue[]): unknown;
  close(): void;
}

/** What `initSqlJs()` resolves to. */
export interface SqlJsStatic {
  Database: new () => SqlJsDatabase;
}

export type SqlValue = number | string | Uint8Array | null;
export type Row = Record<string, SqlValue>;
export type SqlEngineLoader = () => Promise<SqlJsStatic>;

let loader: SqlEngineLoader | undefined;
let engine: Promise<SqlJsStatic> | undefined;

export function setSqlEngine(next: SqlEngineLoader): void {
  loader = next;
  engine = undefined;
}

function getEngine(): Promise<SqlJsStatic> {
  if (!loader) throw new Error('No SQL engine: the host must call setSqlEngine() before a cell opens a database.');
  engine ??= loader();
  return engine;
}

/** The rows of one result set, one object per row keyed by column name. */
export function toRows(result: { columns: string[]; values: SqlValue[][] } | undefined): Row[] {
  if (!result) return [];
  return result.values.map((values) => Object.fromEntries(result.columns.map((column, i) => [column, values[i]])));
}

/** An in-memory SQLite database. */
export class SqlDatabase {
  private readonly db: SqlJsDatabase;

  constructor(db: SqlJsDatabase) {
    this.db = db;
  }

  /** Runs one or more statements (DDL, inserts) and discards any results. */
  run(sql: string): this {
    this.db.exec(sql);
    return this;
  }

  /** Runs the statements and returns the rows of the last one that produced a result set. */
  query(sql: string, params?: SqlValue[]): Row[] {
    const results = this.db.exec(sql, params);
    return toRows(results[results.length - 1]);
  }

  /** Every result set of the statements, in order (for scripts with several SELECTs). */
  queryAll(sql: string): Row[][] {
    return this.db.exec(sql).map((result) => toRows(result));
  }

  close(): void {
    this.db.close();
  }
}

// sql.js names each database's backing file after Math.random(), which the cell kernel seeds per page:
// two pages built in one process would then open the same file and see each other's tables. The name
// is drawn from a counter instead (distinct for every database this module opens, and deterministic).
let opened = 0;
function newDatabase(Database: SqlJsStatic['Database']): SqlJsDatabase {
  const random = Math.random;
  opened++;
  Math.random = () => (opened * 0.6180339887498949) % 1;
  try {
    return new Database();
  } finally {
    Math.random = random;
  }
}

/** A fresh in-memory database, optionally set up with a script (CREATE TABLE, INSERT, ...). */
export async function openDatabase(setup?: string): Promise<SqlDatabase> {
  const { Database } = await getEngine();
  const database = new SqlDatabase(newDatabase(Database));
  if (setup) database.run(setup);
  return database;
}
