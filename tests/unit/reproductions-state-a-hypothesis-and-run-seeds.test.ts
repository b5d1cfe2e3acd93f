/**
 * Every paper note whose reproduction was redesigned (issue 21) states its
 * hypothesis and design before its results, runs its headline comparison over
 * at least three seeds through notebooks/seeds, plots the spread over seeds,
 * and writes the comparing sentence with prose() from the results. It checks
 * the MDX source of both languages, not the numbers a run produces.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Heading, Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { collectCells } from '../../src/cells/build/collect.ts';

const root = resolve(import.meta.dirname, '../..');

/** One entry per redesigned note (content/papers/<slug>.mdx and its zh-cn twin). */
const notes: { slug: string }[] = [
  { slug: 'cosent' },
  { slug: 'cosent-interaction-vs-representation' },
  { slug: 'sgpt' },
  { slug: 'instructor' },
  { slug: 'retromae' },
  { slug: 'rocketqa' },
  { slug: 'rocketqav2' },
  { slug: 'generative-dense-retrieval' },
  { slug: 'anisotropy-and-whitening' },
  { slug: 'ngram2vec' },
  { slug: 'sgns' },
  { slug: 'spearman-correlation' },
  { slug: 'backward-compatible-representation-learning' },
];

/** The reproduction's three parts, in order, per page language (a heading starts with the label). */
const labels = {
  en: { hypothesis: 'Hypothesis', design: 'Design', results: 'Results' },
  'zh-cn': { hypothesis: '假设', design: '设计', results: '结果' },
} as const;

type Locale = keyof typeof labels;

interface Page {
  headings: { text: string; line: number }[];
  cells: { id: string; code: string; line: number }[];
}

function headingText(node: Heading): string {
  const text = (n: RootContent): string => ('value' in n ? String(n.value) : 'children' in n ? n.children.map(text).join('') : '');
  return node.children.map(text).join('').trim();
}

function readPage(locale: Locale, slug: string): Page {
  const file = join(root, 'content', ...(locale === 'en' ? [] : [locale]), 'papers', `${slug}.mdx`);
  const text = readFileSync(file, 'utf8');
  const frontmatter = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text)?.[0] ?? '';
  // Blank lines keep the body's line numbers those of the file.
  const body = '\n'.repeat(frontmatter.split('\n').length - 1) + text.slice(frontmatter.length);
  const tree: Root = unified().use(remarkParse).parse(body);
  const headings: Page['headings'] = [];
  const visit = (node: Root | RootContent) => {
    if (node.type === 'heading') headings.push({ text: headingText(node), line: node.position?.start.line ?? 0 });
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return { headings, cells: collectCells(tree, file).map((c) => ({ id: c.id, code: c.code, line: c.fence })) };
}

/** Line of the first heading that starts with `label`, after line `after`. */
function headingLine(page: Page, label: string, after = 0): number | undefined {
  return page.headings.find((h) => h.line > after && h.text.startsWith(label))?.line;
}

/**
 * The largest number of entries in a default `seeds` array literal (`seeds: [1, 2, 3]`,
 * `const seeds = [...]`, or the default branch of `seeds: full ? [...] : [...]`).
 */
export function seedCount(code: string): number {
  const literals = [...code.matchAll(/\bseeds\s*[:=]\s*(?:[\w.]+\s*\?\s*\[[^\]]*\]\s*:\s*)?\[([^\]]*)\]/g)].map((m) => m[1].split(',').filter((x) => x.trim() !== '').length);
  return Math.max(0, ...literals);
}

const runsOverSeeds = (code: string) => /from\s+'notebooks\/seeds'/.test(code) && /\boverSeeds\s*\(/.test(code);
// A figure of the spread draws every seed's run (a field or series named after the seed) or a band around the mean.
const plotsSpread = (code: string) => /\bplot\s*\(/.test(code) && /\bseed\b|Plot\.areaY|Plot\.ruleY|Plot\.ruleX|\.std\b/.test(code);
const writesProse = (code: string) => /\bprose\s*\(\s*\{[\s\S]*\ben\s*:[\s\S]*'zh-cn'\s*:/.test(code);

describe.each(notes)('papers/$slug', ({ slug }) => {
  describe.each(Object.keys(labels) as Locale[])('%s', (locale) => {
    const page = readPage(locale, slug);
    const label = labels[locale];
    const hypothesis = headingLine(page, label.hypothesis);
    const design = hypothesis === undefined ? undefined : headingLine(page, label.design, hypothesis);
    const results = design === undefined ? undefined : headingLine(page, label.results, design);

    it(`has "${label.hypothesis}", then "${label.design}", then "${label.results}" headings`, () => {
      expect(hypothesis, `no heading starting with "${label.hypothesis}"`).toBeDefined();
      expect(design, `no heading starting with "${label.design}" after the hypothesis`).toBeDefined();
      expect(results, `no heading starting with "${label.results}" after the design`).toBeDefined();
    });

    it('runs its comparison over at least three seeds through notebooks/seeds', () => {
      expect(page.cells.some((c) => c.line > hypothesis! && runsOverSeeds(c.code)), 'no cell after the hypothesis calls overSeeds from notebooks/seeds').toBe(true);
      expect(Math.max(0, ...page.cells.map((c) => seedCount(c.code)))).toBeGreaterThanOrEqual(3);
    });

    it('plots the spread over seeds and writes the comparison with prose() in the results', () => {
      const after = page.cells.filter((c) => c.line > results!);
      expect(after.some((c) => plotsSpread(c.code)), 'no results cell plots per-seed points or a band').toBe(true);
      expect(after.some((c) => writesProse(c.code)), "no results cell calls prose({ en, 'zh-cn' })").toBe(true);
    });
  });
});

describe.each(notes)('papers/$slug in both languages', ({ slug }) => {
  it('has the same cells in English and Chinese', () => {
    const cells = (locale: Locale) => readPage(locale, slug).cells.map(({ id, code }) => ({ id, code }));
    expect(cells('zh-cn')).toEqual(cells('en'));
  });
});

describe('seedCount', () => {
  it('counts the entries of a seeds array literal', () => {
    expect(seedCount('const config = { seeds: [1, 2, 3], epochs: 5 };')).toBe(3);
    expect(seedCount('const seeds = [7];')).toBe(1);
    expect(seedCount('overSeeds(config.seeds, run)')).toBe(0);
    // The page's default run is the one that counts, not the reader's "full" switch.
    expect(seedCount('seeds: fullRun ? [1, 2, 3, 4, 5] : [1, 2],')).toBe(2);
  });
});
