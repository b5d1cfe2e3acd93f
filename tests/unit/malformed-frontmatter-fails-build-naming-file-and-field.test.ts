import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const outDir = join(root, 'node_modules/.cache/fixture-dist');
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Builds a one-page fixture site that uses the real content schema. */
function buildFixture(name: string) {
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', join(root, 'tests/fixtures', name), '--outDir', outDir],
    { encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } },
  );
  // Astro colours its messages when CI=true; the assertions read the text.
  return { status: result.status, output: stripVTControlCharacters(result.stdout + result.stderr) };
}

it('fails the build on a field the schema rejects, naming the file and the field', () => {
  const { status, output } = buildFixture('bad-frontmatter');
  expect(status).not.toBe(0);
  expect(output).toContain('bad-frontmatter/src/content/docs/index.md');
  expect(output).toMatch(/category: Invalid option/);
}, 120_000);

it('fails the build on frontmatter that is not valid YAML, naming the file and line', () => {
  const { status, output } = buildFixture('broken-yaml');
  expect(status).not.toBe(0);
  expect(output).toMatch(/broken-yaml\/src\/content\/docs\/index\.md:\d+/);
  expect(output).toMatch(/double quoted scalar/);
}, 120_000);
