/**
 * `npm run check:notes -- <file or folder>…` checks notes the way the build
 * does, in seconds instead of a whole-site build: frontmatter against the
 * site's schema and the section's rules, MDX syntax, KaTeX, links to other
 * notes, cell ids, and every cell executed. Each problem is printed as
 * `<file>:<line> <message>`; the exit code is the number of failing files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { compile } from '@mdx-js/mdx';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { parse as parseYaml } from 'yaml';
import rehypeKatexStrict from '../src/markdown/rehype-katex-strict.ts';
import { collectCells } from '../src/cells/build/collect.ts';
import { executePageInRealm } from '../src/cells/build/page-realm.ts';
import { checkCellTypes, formatCellTypeError } from '../src/cells/build/cell-types.ts';
import { pageCells } from '../src/cells/build/content-pages.ts';
import { checkDefinitions } from '../src/cells/build/page-errors.ts';
import { noteFields } from '../src/site/frontmatter.ts';

const root = resolve(import.meta.dirname, '..');
const contentDir = join(root, 'content');

function markdownFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? markdownFiles(join(path, entry.name)) : /\.mdx?$/.test(entry.name) ? [join(path, entry.name)] : [],
  );
}

/** The frontmatter block and the line the body starts on; the body keeps its line numbers. */
function splitFrontmatter(text: string): { data: Record<string, unknown>; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!match) return { data: {}, body: text };
  const blank = '\n'.repeat(match[0].split('\n').length - 1);
  return { data: (parseYaml(match[1]) ?? {}) as Record<string, unknown>, body: blank + text.slice(match[0].length) };
}

/** The section rules of CONTENT.md that the schema alone cannot say (it is shared by every section). */
function sectionRules(page: string, data: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const inContent = page.replace(/^content\/(zh-cn\/)?/, '');
  const need = (field: string) => {
    if (data[field] === undefined || (Array.isArray(data[field]) && data[field].length === 0)) problems.push(`frontmatter needs \`${field}\``);
  };
  const month = /\/(\d{4})\/(\d{2})\//.exec(inContent);
  const inMonth = () => {
    const date = data.date instanceof Date ? data.date : new Date(String(data.date));
    if (month && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 7) !== `${month[1]}-${month[2]}`) {
      problems.push(`date ${date.toISOString().slice(0, 10)} is not in the folder's month ${month[1]}/${month[2]}`);
    }
  };
  if (inContent.startsWith('algorithms/problems/')) {
    for (const field of ['originalTitle', 'difficulty', 'tags', 'date']) need(field);
    inMonth();
  } else if (/^notes\/\d{4}\//.test(inContent)) {
    for (const field of ['originalTitle', 'category', 'tags', 'date']) need(field);
    inMonth();
  } else if (inContent.startsWith('papers/') && !inContent.endsWith('index.mdx')) {
    need('originalTitle');
  }
  return problems;
}

/** Root-relative links (`/papers/cosent/`) that name no page in either language. */
function brokenLinks(body: string): Array<{ line: number; href: string }> {
  const broken: Array<{ line: number; href: string }> = [];
  body.split('\n').forEach((text, index) => {
    for (const match of text.matchAll(/\]\((\/[^)\s#]*)(?:#[^)\s]*)?\)|href="(\/[^"#]*)/g)) {
      const href = match[1] ?? match[2];
      const path = href.replace(/^\/|\/$/g, '');
      // A file the site serves as it is (the data files, their licence) is not a note.
      if (/\.\w+$/.test(path)) continue;
      const candidates = [`${path}.mdx`, `${path}.md`, `${path}/index.mdx`, `${path}/index.md`].map((file) => join(contentDir, file));
      if (path !== '' && !candidates.some((file) => existsSync(file))) broken.push({ line: index + 1, href });
    }
  });
  return broken;
}

async function checkFile(path: string): Promise<string[]> {
  const page = relative(root, path);
  const text = readFileSync(path, 'utf8');
  const problems: string[] = [];
  const at = (line: number, message: string) => problems.push(`${page}:${line} ${message}`);

  let data: Record<string, unknown> = {};
  let body = text;
  try {
    ({ data, body } = splitFrontmatter(text));
  } catch (error) {
    at(1, `frontmatter is not valid YAML: ${(error as Error).message}`);
  }
  for (const field of ['title', 'description']) if (typeof data[field] !== 'string' || data[field] === '') at(1, `frontmatter needs \`${field}\``);
  const parsed = noteFields.safeParse(data);
  if (!parsed.success) for (const issue of parsed.error.issues) at(1, `frontmatter \`${issue.path.join('.')}\`: ${issue.message}`);
  for (const message of sectionRules(page, data)) at(1, message);

  try {
    await compile(new VFile({ path, value: body }), { remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex, rehypeKatexStrict] });
  } catch (error) {
    const place = error as { line?: number; place?: { line?: number; start?: { line?: number } } };
    const line = place.line ?? place.place?.line ?? place.place?.start?.line ?? 1;
    at(line, `MDX: ${(error as Error).message.split('\n')[0]}`);
  }
  for (const { line, href } of brokenLinks(body)) at(line, `link ${href} names no page under content/`);

  try {
    const tree = unified().use(remarkParse).parse(body);
    const cells = collectCells(tree, page);
    if (cells.length > 0) {
      checkDefinitions(cells, page);
      await executePageInRealm(cells, page, root);
    }
  } catch (error) {
    problems.push((error as Error).message);
  }
  return problems;
}

const targets = process.argv.slice(2);
if (targets.length === 0) {
  console.error('usage: npm run check:notes -- <file or folder under content/>…');
  process.exit(2);
}
let failing = 0;
const files = targets.flatMap((target) => markdownFiles(resolve(target)));
for (const path of files) {
  const problems = await checkFile(path);
  if (problems.length === 0) console.log(`ok   ${relative(root, path)}`);
  else {
    failing++;
    for (const problem of problems) console.log(`FAIL ${problem}`);
  }
}
// One type-check program for all the files' cells, as the build runs it for the site.
const typed = files.flatMap((path) => {
  try {
    const page = relative(root, path);
    return [{ page, cells: pageCells(root, path) }];
  } catch {
    return []; // A page whose cells cannot be collected has already failed above.
  }
});
const typeErrors = checkCellTypes(root, typed.filter(({ cells }) => cells.length > 0), join(root, 'node_modules/.cache/cell-types-notes'));
for (const error of typeErrors) console.log(`FAIL ${formatCellTypeError(error)}`);
failing += new Set(typeErrors.map((error) => error.page)).size;
process.exit(Math.min(failing, 100));
