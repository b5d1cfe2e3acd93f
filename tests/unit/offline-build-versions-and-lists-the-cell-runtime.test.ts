import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildVersion, runtimeFiles, serviceWorkerScript } from '../../src/offline/build.ts';

let dir: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'offline-build-'));
  write('notes/index.html', '<div data-cell-page="content/x.mdx"></div><script type="module" src="/notes/_astro/page.A1.js"></script>');
  write('plain/index.html', '<script type="module" src="/notes/_astro/search.S1.js"></script>');
  write('cells-kernel/index.html', '<script type="module" src="/notes/_astro/kernel-host.K1.js"></script>');
  write('_astro/page.A1.js', 'import("./controller.C-1_x.js")');
  write('_astro/controller.C-1_x.js', 'export const editor=()=>import("./editor.E1.js")');
  write('_astro/editor.E1.js', '');
  write('_astro/kernel-host.K1.js', 'const w="/notes/_astro/worker.W1.js"');
  write('_astro/worker.W1.js', 'import("./tfjs.T1.js");const u=new URL("tfjs-backend-wasm-simd.M1.wasm",import.meta.url)');
  write('_astro/tfjs.T1.js', '');
  write('_astro/tfjs-backend-wasm-simd.M1.wasm', '\0asm');
  write('_astro/search.S1.js', '');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the cell runtime list', () => {
  it('follows the kernel page and the cell pages through every chunk and binary they name, and nothing else', () => {
    expect(runtimeFiles(dir, '/notes/')).toEqual([
      'cells-kernel/',
      '_astro/controller.C-1_x.js',
      '_astro/editor.E1.js',
      '_astro/kernel-host.K1.js',
      '_astro/page.A1.js',
      '_astro/tfjs-backend-wasm-simd.M1.wasm',
      '_astro/tfjs.T1.js',
      '_astro/worker.W1.js',
    ]);
  });
});

describe('the build version', () => {
  it('is the same for the same files, changes with any byte, and ignores the worker itself', () => {
    const first = buildVersion(dir);
    write('sw.js', 'an older worker');
    expect(buildVersion(dir)).toBe(first);
    write('plain/index.html', '<p>edited</p>');
    expect(buildVersion(dir)).not.toBe(first);
  });

  it('is compiled into the worker script', async () => {
    const script = await serviceWorkerScript({ version: 'v-1234', base: '/notes/', runtime: ['cells-kernel/'] });
    expect(script).toContain('v-1234');
    expect(script).not.toContain('OFFLINE_BUILD');
    // A classic script: it parses as a function body, with no import or export left.
    expect(() => new Function(script)).not.toThrow();
  });
});
