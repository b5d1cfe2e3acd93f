/**
 * Every reproduction states its hypothesis and design before its results,
 * runs its headline comparison over at least three seeds in the page, plots
 * every seed, and writes its comparison sentences with prose() from the
 * results. Structure only: the numbers are the cells' business.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { collectCells } from '../../src/cells/build/collect.ts';

const root = join(import.meta.dirname, '..', '..');

/** The notes and the headings each language uses for the three parts. */
const notes = ['sgpt', 'instructor', 'retromae'];
const headings = {
  en: { hypothesis: '### Hypothesis', design: '### Design', results: '### Results', dir: 'content/papers' },
  'zh-cn': { hypothesis: '### 假设', design: '### 设计', results: '### 结果', dir: 'content/zh-cn/papers' },
} as const;

function read(dir: string, slug: string) {
  const page = join(dir, `${slug}.mdx`);
  const source = readFileSync(join(root, page), 'utf8');
  const cells = collectCells(unified().use(remarkParse).parse(source), page);
  const lineOf = (text: string) => source.split('\n').findIndex((line) => line.trim() === text) + 1;
  return { source, cells, lineOf };
}

/** The default seed list of a cell: `seeds: [1, 2, 3]`, or the branch after `fullRun ? … :`. */
function defaultSeeds(code: string): number[] | undefined {
  const match = /seeds:\s*(?:\w+\s*\?\s*\[[^\]]*\]\s*:\s*)?\[([^\]]*)\]/.exec(code);
  return match ? match[1].split(',').map((s) => Number(s.trim())).filter((n) => Number.isFinite(n)) : undefined;
}

describe.each(notes)('%s', (slug) => {
  describe.each(Object.entries(headings))('%s', (_, h) => {
    const { cells, lineOf } = read(h.dir, slug);

    it('states the hypothesis, then the design, then the results', () => {
      const [hypothesis, design, results] = [lineOf(h.hypothesis), lineOf(h.design), lineOf(h.results)];
      expect(hypothesis, h.hypothesis).toBeGreaterThan(0);
      expect(design).toBeGreaterThan(hypothesis);
      expect(results).toBeGreaterThan(design);
    });

    it('runs the headline comparison over at least three seeds with notebooks/seeds, after the results heading', () => {
      const running = cells.filter((c) => /\boverSeeds\(/.test(c.code));
      expect(running.length).toBeGreaterThan(0);
      expect(cells.some((c) => /from 'notebooks\/seeds'/.test(c.code) && /\boverSeeds\b/.test(c.code))).toBe(true);
      const seeds = cells.map((c) => defaultSeeds(c.code)).find((s) => s !== undefined);
      expect(seeds?.length ?? 0).toBeGreaterThanOrEqual(3);
      expect(new Set(seeds).size).toBe(seeds!.length);
      for (const cell of running) expect(cell.fence).toBeGreaterThan(lineOf(h.results));
    });

    it('tables mean ± std and plots every seed', () => {
      expect(cells.some((c) => /\bspreadTable\(/.test(c.code) && /\bsummariseOverSeeds\(/.test(c.code))).toBe(true);
      // A plot that draws one mark per seed (points) from the runs over seeds.
      expect(cells.some((c) => /\bplot\(/.test(c.code) && /Plot\.dot\(/.test(c.code) && /\bseed\b/.test(c.code))).toBe(true);
    });

    it('writes the comparison with prose() from a seed-by-seed gap', () => {
      expect(cells.some((c) => /\bprose\(/.test(c.code) && /\bpairedGap\(/.test(c.code))).toBe(true);
    });
  });

  it('has the same cells in English and Chinese', () => {
    const en = read(headings.en.dir, slug).cells.map((c) => ({ id: c.id, code: c.code }));
    const zh = read(headings['zh-cn'].dir, slug).cells.map((c) => ({ id: c.id, code: c.code }));
    expect(zh).toEqual(en);
  });
});
