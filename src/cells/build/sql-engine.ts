/**
 * The SQL engine of `notebooks/sql.ts` in Node: sql.js with its WASM binary
 * read from node_modules (the browser worker loads the copy the site serves).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SqlEngineLoader, SqlJsStatic } from '../../../notebooks/sql.ts';

type InitSqlJs = (config: { locateFile: (file: string) => string }) => Promise<SqlJsStatic>;

export function nodeSqlEngine(): SqlEngineLoader {
  return async () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('sql.js');
    const initSqlJs = require('sql.js') as InitSqlJs;
    return initSqlJs({ locateFile: (file) => join(dirname(entry), file) });
  };
}
