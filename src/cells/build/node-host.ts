/**
 * The kernel's host in Node (the Astro build and the cell tests): TensorFlow.js
 * on the WASM backend when it initialises in Node, else CPU; the notebooks
 * from `notebooks/*.ts`; datasets read from `public/data/` by the data
 * helper's Node source.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KernelHost } from '../core/kernel.ts';

export const tfjsModule = '@tensorflow/tfjs';

type Tf = typeof import('@tensorflow/tfjs');

/** Loads tfjs once per process and picks its backend before any cell runs. */
let tfjs: Promise<Tf> | undefined;
function loadTfjs(): Promise<Tf> {
  tfjs ??= (async () => {
    const tf = await import('@tensorflow/tfjs');
    await import('@tensorflow/tfjs-backend-wasm');
    const onWasm = await tf.setBackend('wasm').catch(() => false);
    if (!onWasm) await tf.setBackend('cpu');
    await tf.ready();
    // The first tensor on a backend prints a one-time advert for tfjs-node on
    // console.warn; create it here so it is not captured as a cell's output.
    const silenced = console.warn;
    console.warn = () => undefined;
    try {
      tf.dispose(tf.scalar(0));
    } finally {
      console.warn = silenced;
    }
    return tf;
  })();
  return tfjs;
}

export function tfjsBackend(): Promise<string> {
  return loadTfjs().then((tf) => tf.getBackend());
}

export function notebookModules(root: string): string[] {
  return readdirSync(join(root, 'notebooks'))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
    .map((file) => `notebooks/${file.slice(0, -3)}`)
    .sort();
}

/** Installs the Node data source in the same `notebooks/data.ts` instance the cells import. */
let dataReady: Promise<void> | undefined;
function installDataSource(root: string): Promise<void> {
  dataReady ??= (async () => {
    const data = (await import(pathToFileURL(join(root, 'notebooks/data.ts')).href)) as typeof import('../../../notebooks/data.ts');
    const { nodeDataSource } = (await import(pathToFileURL(join(root, 'src/data/node-source.ts')).href)) as {
      nodeDataSource: () => import('../../../notebooks/data.ts').DataSource;
    };
    data.setDataSource(nodeDataSource());
  })();
  return dataReady;
}

/** Installs sql.js (WASM from node_modules) in the same `notebooks/sql.ts` instance the cells import. */
let sqlReady: Promise<void> | undefined;
function installSqlEngine(root: string): Promise<void> {
  sqlReady ??= (async () => {
    const sql = (await import(pathToFileURL(join(root, 'notebooks/sql.ts')).href)) as typeof import('../../../notebooks/sql.ts');
    const { nodeSqlEngine } = (await import(pathToFileURL(join(root, 'src/cells/build/sql-engine.ts')).href)) as typeof import('./sql-engine.ts');
    sql.setSqlEngine(nodeSqlEngine());
  })();
  return sqlReady;
}

export function createNodeHost(root: string): KernelHost {
  const notebooks = notebookModules(root);
  return {
    modules: [tfjsModule, ...notebooks],
    async load(specifier) {
      if (specifier === tfjsModule) return loadTfjs();
      await Promise.all([loadTfjs(), installDataSource(root), installSqlEngine(root)]);
      return import(pathToFileURL(join(root, `${specifier}.ts`)).href);
    },
    watchUnhandledRejections(report) {
      const listener = (reason: unknown) => report(reason);
      process.on('unhandledRejection', listener);
      return () => void process.off('unhandledRejection', listener);
    },
  };
}
