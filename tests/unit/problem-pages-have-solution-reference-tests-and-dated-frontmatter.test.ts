/**
 * Every algorithm-problem page, in either language, has what the index and
 * the build rely on: a solution cell, a test cell that compares the solution
 * with a reference, and frontmatter with the seed's title, a difficulty, tags
 * and a date inside the month of the folder it sits in.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { collectCells } from '../../src/cells/build/collect.ts';

const root = resolve(import.meta.dirname, '../..');
const contentDir = join(root, 'content');

/** content/algorithms/problems/… and content/<locale>/algorithms/problems/…, every .md/.mdx below them. */
function problemPages(): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.mdx?$/.test(entry.name) && /(^|\/)algorithms\/problems\//.test(relative(contentDir, path))) pages.push(path);
    }
  };
  walk(contentDir);
  return pages.map((path) => relative(root, path)).sort();
}

function readPage(page: string): { data: Record<string, unknown>; body: string } {
  const text = readFileSync(join(root, page), 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!match) return { data: {}, body: text };
  // Blank lines keep the body's line numbers those of the file.
  return { data: (parseYaml(match[1]) ?? {}) as Record<string, unknown>, body: '\n'.repeat(match[0].split('\n').length - 1) + text.slice(match[0].length) };
}

/**
 * Whether a test cell compares against a reference: it calls the shared
 * `checkAgainstReference`, or it defines its own reference (a function whose
 * name says reference, brute force or naive) and calls it.
 */
export function comparesWithReference(code: string): boolean {
  // Explicit type arguments are common: checkAgainstReference<Input, Output>({ … }).
  if (/\bcheckAgainstReference\s*(?:<[\s\S]*?>)?\s*\(/.test(code)) return true;
  const declared = [...code.matchAll(/(?:function\s+|(?:const|let)\s+)([A-Za-z_$][\w$]*)/g)].map((m) => m[1]).filter((name) => /reference|brute|naive/i.test(name));
  return declared.some((name) => {
    const calls = code.match(new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*\\(`, 'g'))?.length ?? 0;
    const asFunction = new RegExp(`function\\s+${name.replace(/\$/g, '\\$')}\\s*\\(`).test(code) ? 1 : 0;
    return calls - asFunction > 0;
  });
}

/** Everything wrong with one page, as readable sentences (empty when the page is fine). */
function problemsOf(page: string): string[] {
  const found: string[] = [];
  const { data, body } = readPage(page);
  const cells = collectCells(unified().use(remarkParse).parse(body), page);
  const solution = cells.find((cell) => cell.id === 'solution');
  const tests = cells.find((cell) => cell.id === 'tests');
  if (!solution) found.push('no solution cell (```ts cell id=solution)');
  if (!tests) found.push('no test cell (```ts cell id=tests)');
  else if (!comparesWithReference(tests.code)) found.push('the test cell compares with no reference (checkAgainstReference or a brute-force function it calls)');

  if (typeof data.originalTitle !== 'string' || data.originalTitle.trim() === '') found.push('frontmatter has no originalTitle');
  if (!['easy', 'medium', 'hard'].includes(String(data.difficulty))) found.push(`difficulty is ${JSON.stringify(data.difficulty)}, not easy, medium or hard`);
  if (!Array.isArray(data.tags) || data.tags.length === 0 || !data.tags.every((tag) => typeof tag === 'string' && tag !== '')) found.push('frontmatter has no tags');

  const month = /\/problems\/(\d{4})\/(\d{2})\//.exec(page);
  const date = data.date instanceof Date ? data.date : typeof data.date === 'string' ? new Date(data.date) : undefined;
  if (!month) found.push('the page is not in a problems/YYYY/MM/ folder');
  else if (!date || Number.isNaN(date.getTime())) found.push(`date ${JSON.stringify(data.date)} is not a date`);
  else if (date.toISOString().slice(0, 7) !== `${month[1]}-${month[2]}`) found.push(`date ${date.toISOString().slice(0, 10)} is outside the folder's month ${month[1]}/${month[2]}`);
  return found;
}

const pages = problemPages();

describe('algorithm-problem pages', () => {
  it('exist, in content/ and its locales', () => {
    expect(pages.length).toBeGreaterThan(0);
  });

  it.each(pages)('%s has a solution, a test against a reference, and dated frontmatter', (page) => {
    expect(problemsOf(page)).toEqual([]);
  });
});

describe('what counts as comparing with a reference', () => {
  it('is the shared checker, or a brute force the cell calls', () => {
    expect(comparesWithReference('rows.push(checkAgainstReference({ trials: 300 }))')).toBe(true);
    expect(comparesWithReference('checkAgainstReference<Pair, (number | null)[]>({ trials: 300 })')).toBe(true);
    expect(comparesWithReference('function bruteForceTrap(h: number[]) { return 0; }\nconst want = bruteForceTrap(h);')).toBe(true);
    expect(comparesWithReference('const reference = (a: number) => a;\nconst expected = reference(3);')).toBe(true);
  });

  it('is not a reference that is only defined, nor hand-written cases alone', () => {
    expect(comparesWithReference('function bruteForce(h: number[]) { return 0; }')).toBe(false);
    expect(comparesWithReference('const rows = checkCases(cases, solve);')).toBe(false);
  });
});
