/**
 * `npm run new -- <section> <slug>` writes a new note from the template, with
 * the frontmatter the content schema requires, and prints where it went.
 *
 *   npm run new -- papers my-paper
 *   npm run new -- notes 2024/03/my-note
 *   npm run new -- algorithms 2024/03/two-sum
 *   npm run new -- guides my-guide
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// Tests point this at a scratch folder so they never write into the real notes.
const contentDir = process.env.CONTENT_DIR ?? join(root, 'content');
const sections = {
  papers: 'papers',
  notes: 'notes',
  algorithms: 'algorithms/problems',
  guides: 'guides',
} as const;
type Section = keyof typeof sections;

function fail(message: string): never {
  console.error(`npm run new: ${message}`);
  console.error('usage: npm run new -- <papers|notes|algorithms|guides> <slug>   (notes and algorithms: YYYY/MM/slug)');
  process.exit(1);
}

const [section, slug] = process.argv.slice(2);
if (!section || !slug) fail('a section and a slug are required.');
if (!(section in sections)) fail(`unknown section "${section}".`);
const dated = section === 'notes' || section === 'algorithms';
const slugPattern = dated ? /^\d{4}\/(0[1-9]|1[0-2])\/[a-z0-9]+(-[a-z0-9]+)*$/ : /^[a-z0-9]+(-[a-z0-9]+)*$/;
if (!slugPattern.test(slug)) {
  fail(dated ? `"${slug}" must look like YYYY/MM/short-kebab-slug.` : `"${slug}" must be short English kebab-case.`);
}

const file = join(contentDir, sections[section as Section], `${slug}.mdx`);
if (existsSync(file)) fail(`${file} already exists; nothing was written.`);

const title = slug
  .split('/')
  .at(-1)!
  .split('-')
  .map((w) => w[0].toUpperCase() + w.slice(1))
  .join(' ');
const date = dated ? `${slug.slice(0, 7).replace('/', '-')}-01` : new Date().toISOString().slice(0, 10);
const template = readFileSync(join(root, 'scripts', 'templates', `${section}.mdx`), 'utf8');
const text = template.replaceAll('{{title}}', title).replaceAll('{{date}}', date);

mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, text);
console.log(`wrote ${file}`);
