/**
 * Lighthouse on the built site, one page of each kind: the mobile preset with
 * simulated throttling (Lighthouse's defaults), Debian's Chromium, the site
 * served with brotli/gzip as a static host serves it. Prints the four category
 * scores and LCP, TBT and CLS per page, against the targets (performance ≥ 95,
 * the other three 100). Reports; asserts nothing.
 *
 *   npm run build && node tests/bench/lighthouse.bench.ts [--runs=3]
 *
 * Simulated throttling scales the CPU time it observes, so on a slow or
 * loaded machine TBT comes out higher than on the fast desktop Lighthouse's
 * 4× slowdown assumes: the bench prints Lighthouse's own CPU benchmark index
 * next to the figures, audits a plain Starlight page (plain-starlight.ts) in
 * the same run as the yardstick, and with --runs=N reports the median run.
 */
import lighthouse from 'lighthouse';
import { launch as launchChrome } from 'chrome-launcher';
import { builds, chromiumPath, serve, type Served } from '../browser/harness.ts';
import { buildPlainStarlight } from './plain-starlight.ts';

export const pages = {
  home: '',
  'paper note, cells and math (CoSENT)': 'papers/cosent/',
  'Chinese paper note (RocketQA)': 'zh-cn/papers/rocketqa/',
  'archived note (loss functions)': 'notes/2022/05/loss-functions/',
  'problem note (spiral matrix)': 'algorithms/problems/2022/03/spiral-matrix/',
  'algorithms index': 'algorithms/',
};

const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const targets: Record<(typeof categories)[number], number> = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };

interface Figures {
  scores: Record<(typeof categories)[number], number>;
  lcp: number;
  tbt: number;
  cls: number;
  benchmarkIndex: number;
  failing: string[];
  /** Where the main thread's time went (Lighthouse's groups, ms), largest first. */
  mainThread: [string, number][];
  domNodes: number;
  /** Transferred bytes of the document itself (compressed). */
  htmlBytes: number;
}

const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 1);

async function audit(url: string, port: number): Promise<Figures> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...categories] });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(categories.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as Figures['scores'];
  // The audits that cost points outside performance: what to fix when a score is under 100.
  const failing = categories
    .filter((c) => c !== 'performance')
    .flatMap((c) => lhr.categories[c]?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
    .map((ref) => ref.id);
  return {
    scores,
    lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
    tbt: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
    cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
    benchmarkIndex: lhr.environment.benchmarkIndex,
    failing,
    mainThread: ((lhr.audits['mainthread-work-breakdown']?.details as { items?: { groupLabel: string; duration: number }[] } | undefined)?.items ?? [])
      .map((item): [string, number] => [item.groupLabel, item.duration])
      .sort((a, b) => b[1] - a[1]),
    // Lighthouse 13 moved the DOM size into an insight.
    domNodes: lhr.audits['dom-size-insight']?.numericValue ?? lhr.audits['dom-size']?.numericValue ?? NaN,
    htmlBytes:
      ((lhr.audits['network-requests']?.details as { items?: { url: string; transferSize: number; resourceType?: string }[] } | undefined)?.items ?? []).find(
        (item) => item.resourceType === 'Document',
      )?.transferSize ?? NaN,
  };
}

const medianBy = (all: Figures[]) => [...all].sort((a, b) => a.scores.performance - b.scores.performance)[Math.floor(all.length / 2)];

const plain = buildPlainStarlight();
const plainSite = await serve(plain.dir, '/', { compress: true });
const site = await serve(builds.root.dir, builds.root.base, { compress: true });
const chrome = await launchChrome({ chromePath: chromiumPath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
try {
  console.log(`Lighthouse mobile, simulated throttling, ${runs} run(s) per page (median by performance)`);
  // The first audit in a fresh browser pays its start-up: one on the yardstick, not counted.
  await audit(plainSite.url + plain.page, chrome.port);
  const audited: [string, Served, string][] = [['plain Starlight doc page (yardstick)', plainSite, plain.page], ...Object.entries(pages).map(([label, path]): [string, Served, string] => [label, site, path])];
  let pagesMet = 0;
  for (const [label, server, path] of audited) {
    const yardstick = server === plainSite;
    const all: Figures[] = [];
    for (let i = 0; i < runs; i++) all.push(await audit(server.url + path, chrome.port));
    const f = medianBy(all);
    const met = categories.every((c) => f.scores[c] >= targets[c]);
    if (met && !yardstick) pagesMet += 1;
    console.log(
      `${label}: perf ${f.scores.performance}, a11y ${f.scores.accessibility}, best practices ${f.scores['best-practices']}, ` +
        `SEO ${f.scores.seo}; LCP ${(f.lcp / 1000).toFixed(2)} s, TBT ${f.tbt.toFixed(0)} ms, CLS ${f.cls.toFixed(3)} ` +
        `(CPU index ${f.benchmarkIndex.toFixed(0)}) ${yardstick ? 'no targets (the comparison)' : met ? 'targets met' : 'TARGETS NOT MET'}` +
        (f.failing.length ? `; failing: ${f.failing.join(', ')}` : ''),
    );
    console.log(
      `  ${f.domNodes} DOM nodes, document ${(f.htmlBytes / 1024).toFixed(1)} KB transferred; main thread: ` +
        f.mainThread.map(([group, ms]) => `${group} ${ms.toFixed(0)} ms`).join(', '),
    );
  }
  console.log(`site pages meeting every target: ${pagesMet} of ${Object.keys(pages).length}`);
} finally {
  chrome.kill();
  await site.close();
  await plainSite.close();
}
