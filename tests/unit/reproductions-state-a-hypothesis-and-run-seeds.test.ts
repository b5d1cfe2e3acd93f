/**
 * The paper notes' reproductions, in both languages: a hypothesis stated
 * before the results, a results cell that runs at least three seeds through
 * notebooks/seeds.ts, a plot that shows every seed, and prose() for the
 * sentences that compare results, with the same cells in both languages.
 * It checks structure, never numbers.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { collectCells } from '../../src/cells/build/collect.ts';

const root = resolve(import.meta.dirname, '../..');

/** The notes whose reproduction follows the hypothesis-first design (issue 21). */
const notes = ['rocketqav2', 'generative-dense-retrieval'];

const languages = [
  { dir: 'content/papers', hypothesis: 'Hypothesis', results: 'Results' },
  { dir: 'content/zh-cn/papers', hypothesis: '假设', results: '结果' },
];

interface Heading { text: string; line: number }

function read(path: string) {
  const text = readFileSync(join(root, path), 'utf8');
  const frontmatter = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text)?.[0] ?? '';
  const offset = frontmatter.split('\n').length - 1;
  const tree = unified().use(remarkParse).parse(text.slice(frontmatter.length));
  const headings: Heading[] = [];
  for (const node of tree.children) {
    if (node.type !== 'heading') continue;
    const text = node.children.map((c) => ('value' in c ? c.value : '')).join('').trim();
    headings.push({ text, line: node.position!.start.line + offset });
  }
  const cells = collectCells(tree, path).map((c) => ({ ...c, fence: c.fence + offset }));
  return { headings, cells };
}

describe.each(notes)('%s', (slug) => {
  it('has the same cells in English and Chinese, so both pages run the same experiment', () => {
    const [en, zh] = languages.map(({ dir }) => read(`${dir}/${slug}.mdx`).cells.map((c) => ({ id: c.id, code: c.code })));
    expect(zh).toEqual(en);
  });

  describe.each(languages)('$dir', ({ dir, hypothesis, results }) => {
    const { headings, cells } = read(`${dir}/${slug}.mdx`);
    const hypothesisAt = headings.find((h) => h.text === hypothesis)?.line ?? Infinity;
    const resultsAt = headings.find((h) => h.text === results)?.line ?? -Infinity;

    it('states the hypothesis before the results', () => {
      expect(hypothesisAt).toBeLessThan(Infinity);
      expect(resultsAt).toBeGreaterThan(hypothesisAt);
    });

    it('runs the experiment over at least three seeds with notebooks/seeds.ts', () => {
      const run = cells.find((c) => /from 'notebooks\/seeds'/.test(c.code) && /overSeeds\(/.test(c.code));
      expect(run, 'a cell that calls overSeeds from notebooks/seeds').toBeDefined();
      const seeds = /seeds:\s*\[([^\]]*)\]/.exec(run!.code)?.[1].split(',').filter((s) => s.trim() !== '') ?? [];
      expect(seeds.length).toBeGreaterThanOrEqual(3);
    });

    it('summarises the seeds in a table and plots every seed after the results heading', () => {
      const after = cells.filter((c) => c.fence > resultsAt);
      expect(after.some((c) => /summariseOverSeeds\(/.test(c.code) && /table\(/.test(c.code))).toBe(true);
      expect(after.some((c) => /plot\(/.test(c.code) && /\bseed\b/.test(c.code))).toBe(true);
    });

    it('writes the comparison with prose(), in both page languages', () => {
      const prose = cells.filter((c) => c.fence > resultsAt && /prose\(\{/.test(c.code));
      expect(prose.length).toBeGreaterThan(0);
      for (const cell of prose) expect(cell.code).toMatch(/'zh-cn':/);
    });
  });
});
