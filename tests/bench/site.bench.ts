/**
 * The site's baseline: how long a build takes, and how much JavaScript (gzip)
 * a reader downloads, against a plain Starlight page built in the same run
 * from the same node_modules. Targets (issue 18): a page without cells within
 * plain Starlight's figure, a page with cells within it + 10 KB before the
 * reader reaches a cell. And issue 17's check: sql.js is fetched only by a
 * page whose SQL cells run.
 *
 *   node tests/bench/site.bench.ts            times three builds (clean, warm, unchanged), then measures dist/
 *   node tests/bench/site.bench.ts --no-build measures the dist/ already built
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { builds, launch, serve } from '../browser/harness.ts';
import { reachCells } from '../browser/reader.ts';
import { kb, pageJs } from './page-js.ts';
import { buildPlainStarlight } from './plain-starlight.ts';

const root = resolve(import.meta.dirname, '../..');

function timeBuild(label: string, args: string[]): void {
  const started = performance.now();
  const result = spawnSync('npm', ['run', 'build', '--', ...args], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    console.log(result.stdout.slice(-3000), result.stderr.slice(-3000));
    throw new Error('build failed');
  }
  console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (!process.argv.includes('--no-build')) {
  // A clean build runs every cell again: without the cell cache and V8's code cache for the realms.
  for (const cache of ['cells', 'cells-compile']) rmSync(join(root, 'node_modules/.cache', cache), { recursive: true, force: true });
  timeBuild('build time, clean (cell cache and code cache removed, --force; target ≤ 600 s)', ['--force']);
  timeBuild('build time, content cache cleared (--force; the cell cache stays warm; target ≤ 120 s)', ['--force']);
  timeBuild('build time, rebuild with nothing changed', []);
}

const plainStarted = performance.now();
const plain = buildPlainStarlight();
console.log(`plain Starlight fixture built in ${((performance.now() - plainStarted) / 1000).toFixed(1)} s`);

/** Pages without cells: the target is plain Starlight's figure. */
const withoutCells = {
  home: '',
  'paper index': 'papers/',
  'algorithms index': 'algorithms/',
  'Chinese home': 'zh-cn/',
};
/** Pages with cells: the target is plain Starlight + 10 KB before the reader reaches a cell. */
const withCells = {
  'CoSENT (cells and math)': 'papers/cosent/',
  'Chinese RocketQA': 'zh-cn/papers/rocketqa/',
  'a problem (two sum)': 'algorithms/problems/2021/10/two-sum/',
};
const tsNote = 'algorithms/problems/2021/10/two-sum/';
const sqlNote = 'notes/2022/08/sql-strings/';

const plainSite = await serve(plain.dir, '/', { compress: true });
const site = await serve(builds.root.dir, builds.root.base, { compress: true });
const browser = await launch();
try {
  const baseline = await pageJs(browser, plainSite.url + plain.page);
  console.log(`JS, plain Starlight doc page: ${kb(baseline.bytes)} gzip (${baseline.files.length} files)`);
  const line = (label: string, bytes: number, limit: number, files: number) =>
    console.log(`JS, ${label}: ${kb(bytes)} gzip (${files} files; target ≤ ${kb(limit)}: ${bytes <= limit ? 'met' : 'NOT MET'})`);
  for (const [label, path] of Object.entries(withoutCells)) {
    const js = await pageJs(browser, site.url + path);
    line(`${label}, no cells`, js.bytes, baseline.bytes, js.files.length);
  }
  for (const [label, path] of Object.entries(withCells)) {
    const before = await pageJs(browser, site.url + path);
    line(`${label}, before reaching a cell`, before.bytes, baseline.bytes + 10 * 1024, before.files.length);
    const reached = await pageJs(browser, site.url + path, { scrollTo: '[data-cell]' });
    console.log(`JS, ${label}, once the reader reaches a cell (controls drawn): ${kb(reached.bytes)} gzip (${reached.files.length} files)`);
  }

  // Issue 17: what Run all fetches on a TypeScript page and on a SQL note.
  for (const [label, path] of [['TypeScript cells', tsNote], ['SQL cells', sqlNote]] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const fetched: string[] = [];
    page.on('response', (response) => fetched.push(new URL(response.url()).pathname));
    await page.goto(site.url + path, { waitUntil: 'networkidle' });
    // sql.js's files only (the SQL note's own address has "sql" in it too).
    const isSqlJs = (p: string) => /\/sql-wasm[^/]*\.(m?js|wasm)$/.test(p);
    const beforeRun = fetched.filter(isSqlJs).length;
    await reachCells(page);
    await page.getByRole('button', { name: 'Run all', exact: true }).click();
    await page.locator('[data-cell]').last().and(page.locator('[data-cell-state="done"], [data-cell-state="error"]')).waitFor({ timeout: 120_000 });
    const sqlFiles = fetched.filter(isSqlJs);
    console.log(`sql.js on ${label} (${path}): ${beforeRun} files before Run all, after it: ${sqlFiles.length ? sqlFiles.join(', ') : 'none'}`);
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
  await plainSite.close();
}
