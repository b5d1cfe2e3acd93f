/**
 * A plain Starlight site, built in a temp dir from this project's own
 * node_modules (the same Astro and Starlight versions): the yardstick for the
 * JavaScript our pages ship. Two ordinary doc pages, no overrides, no plugins.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'plain-starlight', private: true, type: 'module', dependencies: { astro: '*', '@astrojs/starlight': '*' } }),
  'astro.config.mjs': `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
// Caches of its own: the default (node_modules/.astro) is the project's, shared with the real build.
export default defineConfig({ cacheDir: './.astro-cache', vite: { cacheDir: './.vite-cache' }, integrations: [starlight({ title: 'Plain Starlight', sidebar: [{ label: 'Guides', items: [{ autogenerate: { directory: 'guides' } }] }] })] });
`,
  'src/content.config.ts': `import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };
`,
  'src/content/docs/index.md': '---\ntitle: Plain Starlight\n---\n\nA plain page, for comparison.\n',
  'src/content/docs/guides/page.md':
    '---\ntitle: A guide\n---\n\n## A heading\n\nSome prose with `code`.\n\n```ts\nconst answer = 42;\n```\n\n## Another heading\n\nMore prose.\n',
};

/**
 * Builds the fixture in .scratch/ (inside the project, so Node finds the
 * project's node_modules by walking up) and returns its dist/ and the path of
 * its doc page (a page with sidebar and table of contents, like a note).
 */
export function buildPlainStarlight(): { dir: string; page: string } {
  const project = join(root, '.scratch/plain-starlight');
  rmSync(project, { recursive: true, force: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(project, path, '..'), { recursive: true });
    writeFileSync(join(project, path), text);
  }
  const result = spawnSync(join(root, 'node_modules/.bin/astro'), ['build'], { cwd: project, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`plain Starlight build failed:\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`);
  return { dir: join(project, 'dist'), page: 'guides/page/' };
}
