/**
 * Every paper note as a reader meets it: the built page carries formulas,
 * results tables and plots computed by its cells, links to the paper, and has
 * a Chinese counterpart; and pressing "Run all" in the browser reproduces the
 * results without a single console error — for two notes, the very numbers
 * the build computed (same seeds, same WASM backend), so the page the reader
 * runs is the page that was built.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { builds, openPage } from './harness.ts';
import { reachCells } from './reader.ts';
import { useBuiltSite } from './session.ts';

const papersDir = join(builds.root.dir, 'papers');
const slugs = existsSync(papersDir)
  ? readdirSync(papersDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(papersDir, d.name, 'index.html')))
      .map((d) => d.name)
      .sort()
  : [];

const html = (...parts: string[]) => readFileSync(join(builds.root.dir, ...parts, 'index.html'), 'utf8');

const session = useBuiltSite();

/** Notes whose Run all must reproduce every number of the build's tables. */
const sameNumbersAsTheBuild = new Set(['backward-compatible-representation-learning', 'rocketqa']);

interface ShownTable {
  cell: string;
  header: string[];
  rows: string[][];
}

/** Every output table on the page, with the cell it belongs to. */
async function shownTables(page: import('playwright-core').Page): Promise<ShownTable[]> {
  return page.$$eval('[data-cell]', (cells) =>
    cells.flatMap((cell) =>
      [...cell.querySelectorAll('[data-cell-output] table')].map((table) => ({
        cell: cell.getAttribute('data-cell') ?? '',
        header: [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? ''),
        rows: [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
      })),
    ),
  );
}

/** Wall-clock columns differ between machines by nature; everything else must agree. */
const timing = /second|\btime\b|\bms\b|\bs\)|耗时|秒|时间/i;

/** Differences between the build's tables and the reader's, numbers compared to the printed precision. */
function tableDifferences(built: ShownTable[], live: ShownTable[]): string[] {
  if (built.length !== live.length) return [`${built.length} tables in the build, ${live.length} after Run all`];
  const differences: string[] = [];
  built.forEach((table, t) => {
    const other = live[t];
    const where = `table ${t + 1} (cell ${table.cell})`;
    if (table.cell !== other.cell || table.header.join('|') !== other.header.join('|')) {
      differences.push(`${where}: a different table after Run all`);
      return;
    }
    table.rows.forEach((row, r) =>
      row.forEach((value, c) => {
        if (timing.test(table.header[c] ?? '')) return;
        const mine = other.rows[r]?.[c];
        const a = Number(value);
        const b = Number(mine);
        const same = value === mine || (Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 1e-3 * Math.max(1, Math.abs(a)));
        if (!same) differences.push(`${where}, row ${r + 1}, ${table.header[c]}: build ${value}, browser ${mine}`);
      }),
    );
  });
  return differences;
}

it('finds the paper notes in the build', () => {
  expect(slugs.length).toBeGreaterThanOrEqual(1);
});

describe.each(slugs)('/papers/%s/', (slug) => {
  it('has formulas, a results table and a plot from its cells, a link to the paper, and a Chinese page', () => {
    const page = html('papers', slug);
    expect(page).toContain('class="katex"');
    expect(page).not.toContain('katex-error');
    const { document } = parseHTML(page);
    expect(document.querySelectorAll('[data-cell-output] table').length, 'a table output').toBeGreaterThan(0);
    expect(document.querySelectorAll('[data-cell-output] svg').length, 'a plot output').toBeGreaterThan(0);
    expect(page).toMatch(/<a href="https:\/\/(arxiv\.org|aclanthology\.org|kexue\.fm|papers\.nips\.cc|proceedings\.neurips\.cc|openaccess\.thecvf\.com|www\.jstor\.org|doi\.org|ieeexplore\.ieee\.org)[^"]*"/);
    const zh = html('zh-cn', 'papers', slug);
    expect(zh).toContain('lang="zh-CN"');
    expect(zh, 'a translated page, not the English fallback').not.toContain('此内容尚不支持你的语言');
    expect(zh).toContain('class="katex"');
  });
});

// Run all is the slow part of this file (minutes per note, nearly all of it in
// the page's cell worker, which keeps one core busy). Two notes at a time fill
// both cores of the CI machine and roughly halve the file's time; the static
// checks above stay sequential because they take milliseconds. A note still
// has the page-time limit, under five minutes, while it shares the machine.
describe('pressing Run all', { concurrent: true }, () => {
  it.for(slugs)('/papers/%s/ reproduces its results', { timeout: 300_000 }, async (slug, { expect }) => {
    const { page, consoleErrors } = await openPage(session.browser, `${session.site.url}papers/${slug}/`);
    try {
      const cells = page.locator('[data-cell]');
      if ((await cells.count()) === 0) return;
      const built = await shownTables(page);
      await reachCells(page);
      await page.getByRole('button', { name: 'Run all' }).first().click();
      await page.waitForFunction(
        () => {
          const states = [...document.querySelectorAll('[data-cell]')].map((c) => c.getAttribute('data-cell-state'));
          return states.every((s) => s === 'done' || s === 'error' || s === 'skipped');
        },
        undefined,
        { timeout: 280_000, polling: 500 },
      );
      const unexpected = await page.$$eval('[data-cell][data-cell-state="error"]:not([data-cell-error])', (els) =>
        els.map((e) => `${e.getAttribute('data-cell')}: ${e.querySelector('[data-cell-output]')?.textContent?.slice(0, 300)}`),
      );
      expect(unexpected).toEqual([]);
      expect(await page.locator('[data-cell-output] table').count()).toBeGreaterThan(0);
      expect(consoleErrors).toEqual([]);
      if (sameNumbersAsTheBuild.has(slug)) {
        expect(built.length, 'the build shows tables to compare').toBeGreaterThan(0);
        expect(tableDifferences(built, await shownTables(page))).toEqual([]);
      }
    } finally {
      // A finished note's worker would otherwise hold its tensors until the file ends.
      await page.context().close();
    }
  });
});
