/**
 * The site's baseline: how long a build takes, and how much JavaScript (gzip)
 * a reader downloads before interacting with the home page and with a note.
 */
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { builds, launch, serve } from '../browser/harness.ts';

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

timeBuild('build time, clean (--force: content cache cleared)', ['--force']);
timeBuild('build time, rebuild with nothing changed', []);

const pages = {
  home: '',
  'a note (backward-compatible learning)': 'papers/backward-compatible-representation-learning/',
  'a page with cells (how cells work)': 'guides/how-cells-work/',
};

const site = await serve(builds.root.dir, builds.root.base);
const browser = await launch();
try {
  for (const [label, path] of Object.entries(pages)) {
    // A fresh context with the listener attached before the first request: every script is counted once.
    const context = await browser.newContext();
    const page = await context.newPage();
    const bodies: Promise<Buffer>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') bodies.push(response.body());
    });
    await page.goto(site.url + path, { waitUntil: 'networkidle' });
    const external = (await Promise.all(bodies)).reduce((sum, body) => sum + gzipSync(body).length, 0);
    const inline = await page.$$eval('script:not([src])', (els) => els.map((e) => e.textContent ?? ''));
    const inlineGzip = inline.reduce((sum, text) => sum + gzipSync(text).length, 0);
    console.log(
      `JS before interaction, ${label}: ${((external + inlineGzip) / 1024).toFixed(1)} KB gzip ` +
        `(${bodies.length} files ${(external / 1024).toFixed(1)} KB + inline ${(inlineGzip / 1024).toFixed(1)} KB)`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
}
