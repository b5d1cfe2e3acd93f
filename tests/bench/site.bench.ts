/**
 * The site's baseline: how long a build takes, and how much JavaScript (gzip)
 * a reader downloads before interacting with the home page and with a note.
 */
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { builds, launch, openPage, serve } from '../browser/harness.ts';

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
    const { page } = await openPage(browser, site.url + path);
    const scripts = new Map<string, number>();
    page.on('response', async (res) => {
      if (res.request().resourceType() !== 'script') return;
      scripts.set(res.url(), gzipSync(await res.body()).length);
    });
    await page.reload({ waitUntil: 'networkidle' });
    const inline = await page.$$eval('script:not([src])', (els) => els.map((e) => e.textContent ?? ''));
    const inlineGzip = inline.reduce((sum, text) => sum + gzipSync(text).length, 0);
    const external = [...scripts.values()].reduce((a, b) => a + b, 0);
    console.log(
      `JS before interaction, ${label}: ${((external + inlineGzip) / 1024).toFixed(1)} KB gzip ` +
        `(${scripts.size} files ${(external / 1024).toFixed(1)} KB + inline ${(inlineGzip / 1024).toFixed(1)} KB)`,
    );
    await page.context().close();
  }
} finally {
  await browser.close();
  await site.close();
}
