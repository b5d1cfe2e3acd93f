/**
 * At build time each page's cells run in a realm of their own (a worker
 * thread), as each page has its own worker in the browser: what one page does
 * to the global scope or the built-in prototypes is invisible to the next, and
 * a page that crashes its realm fails with the page's name.
 */
import { describe, expect, it } from 'vitest';
import { executePageInRealm, realmJobs } from '../../src/cells/build/page-realm.ts';
import type { ExecutableCell } from '../../src/cells/build/execute.ts';
import { root } from '../cells/site-cells.ts';

const cell = (id: string, code: string, fence = 10): ExecutableCell => ({ id, code, options: { hidden: false }, fence });
const stdout = (results: Awaited<ReturnType<typeof executePageInRealm>>) =>
  results.flatMap((r) => r.outputs).flatMap((o) => (o.kind === 'stream' ? [o.text.trim()] : []));

describe('one realm per page at build', () => {
  it("keeps page A's globals and prototype patches out of page B", { timeout: 60_000 }, async () => {
    const a = await executePageInRealm(
      [cell('leak', 'globalThis.leak = 1;\n(Array.prototype as any).sum = function () { return 42; };\nconsole.log(typeof (globalThis as any).leak, ([] as any).sum());')],
      'content/a.mdx',
      root,
    );
    expect(stdout(a)).toEqual(['number 42']);
    const b = await executePageInRealm([cell('look', 'console.log(typeof (globalThis as any).leak, typeof ([] as any).sum);')], 'content/b.mdx', root);
    expect(stdout(b)).toEqual(['undefined undefined']);
  });

  it('runs pages in parallel and gives each its own results', { timeout: 60_000 }, async () => {
    expect(realmJobs()).toBeGreaterThanOrEqual(1);
    const pages = ['one', 'two', 'three'].map((name) =>
      executePageInRealm([cell('name', `globalThis.name = '${name}';\nawait new Promise((r) => setTimeout(r, 50));\nconsole.log(globalThis.name);`)], `content/${name}.mdx`, root),
    );
    expect((await Promise.all(pages)).map(stdout)).toEqual([['one'], ['two'], ['three']]);
  });

  it('loads tfjs on its WASM backend in a realm whose cells import it', { timeout: 120_000 }, async () => {
    const results = await executePageInRealm(
      [cell('tf', "import * as tf from '@tensorflow/tfjs';\nconsole.log(tf.getBackend(), tf.tensor([1, 2, 3]).sum().dataSync()[0]);")],
      'content/tf.mdx',
      root,
    );
    expect(stdout(results)).toEqual(['wasm 6']);
  });

  it('fails with the page and line of a throwing cell, as the build reports it', { timeout: 60_000 }, async () => {
    await expect(executePageInRealm([cell('bad', 'const x = 1;\nthrow new Error("boom");', 20)], 'content/bad.mdx', root)).rejects.toThrow(
      /^content\/bad\.mdx:22 Error: boom$/,
    );
  });

  it('fails with the page when its realm exits before the cells finish', { timeout: 60_000 }, async () => {
    await expect(
      executePageInRealm([cell("exit", "(globalThis as any).process.exit(3);")], "content/exits.mdx", root),
    ).rejects.toThrow(/^content\/exits\.mdx:1 The page.s cell realm exited \(code 3\)/);
  });
});
