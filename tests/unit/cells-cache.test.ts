import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CellCache, environmentFingerprint, pageCacheKey } from '../../src/cells/build/cache.ts';

let root: string;

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

const cells = [
  { id: 'a', code: "import { margin } from 'notebooks/losses';\nconst x = margin;", options: { hidden: false } },
  { id: 'b', code: 'console.log(x);', options: { hidden: false } },
];

type Cells = typeof cells;
const keyOf = (pageCells: Cells, seed = 'content/a.mdx') => pageCacheKey(root, environmentFingerprint(root), { seed, cells: pageCells });
const key = () => keyOf(cells);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cells-cache-'));
  write('notebooks/losses.ts', 'export const margin = 0.5;');
  write('src/cells/core/kernel.ts', 'export {};');
  write('public/data/manifest.json', JSON.stringify({ version: 'v1' }));
  write('package-lock.json', JSON.stringify({ packages: { 'node_modules/@tensorflow/tfjs': { version: '4.22.0' } } }));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('cell cache keys', () => {
  it('stays the same when nothing changed', () => {
    expect(key()).toBe(key());
  });

  it('changes when a cell changes', () => {
    const before = key();
    const edited = cells.map((cell) => (cell.id === 'b' ? { ...cell, code: 'console.log(x + 1);' } : cell));
    expect(keyOf(edited)).not.toBe(before);
    const optioned = cells.map((cell) => (cell.id === 'a' ? { ...cell, options: { hidden: true } } : cell));
    expect(keyOf(optioned)).not.toBe(before);
  });

  it('changes with the page seed', () => {
    expect(keyOf(cells, 'content/b.mdx')).not.toBe(key());
  });

  it('changes when a notebook the page imports changes, directly or through another notebook', () => {
    const before = key();
    write('notebooks/losses.ts', 'export const margin = 0.25;');
    expect(key()).not.toBe(before);
    write('notebooks/losses.ts', "import { base } from './scale.ts';\nexport const margin = base / 4;");
    write('notebooks/scale.ts', 'export const base = 1;');
    const withScale = key();
    write('notebooks/scale.ts', 'export const base = 2;');
    expect(key()).not.toBe(withScale);
  });

  it('stays the same when only a notebook the page never reaches changes', () => {
    write('notebooks/unrelated.ts', 'export const y = 1;');
    const before = key();
    write('notebooks/unrelated.ts', 'export const y = 2;');
    expect(key()).toBe(before);
  });

  it('changes when the data version changes', () => {
    const before = key();
    write('public/data/manifest.json', JSON.stringify({ version: 'v2' }));
    expect(key()).not.toBe(before);
  });

  it('changes when a dependency version changes', () => {
    const before = key();
    write('package-lock.json', JSON.stringify({ packages: { 'node_modules/@tensorflow/tfjs': { version: '4.23.0' } } }));
    expect(key()).not.toBe(before);
  });

  it('stores and returns results by key', () => {
    const cache = new CellCache(root);
    const results = [{ id: 'a', outputs: [{ kind: 'stream' as const, name: 'stdout' as const, text: '1' }] }];
    expect(cache.get(key())).toBeUndefined();
    cache.set(key(), results);
    expect(cache.get(key())).toEqual(results);
  });
});
