import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'new-note-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(...args: string[]) {
  return spawnSync(process.execPath, [join(root, 'scripts/new-note.ts'), ...args], {
    env: { ...process.env, CONTENT_DIR: scratch },
    encoding: 'utf8',
  });
}

describe('npm run new', () => {
  it('writes a dated algorithm note with the frontmatter the schema needs', () => {
    const result = run('algorithms', '2024/03/two-sum');
    expect(result.status).toBe(0);
    const text = readFileSync(join(scratch, 'algorithms/problems/2024/03/two-sum.mdx'), 'utf8');
    expect(text).toMatch(/^---\ntitle: Two Sum\n/);
    expect(text).toContain('date: 2024-03-01');
    expect(text).toContain('difficulty: easy');
    expect(text).toContain('```ts cell id=tests');
  });

  it('writes a paper note with the paper record', () => {
    expect(run('papers', 'my-paper').status).toBe(0);
    const text = readFileSync(join(scratch, 'papers/my-paper.mdx'), 'utf8');
    expect(text).toContain('paper:\n  title:');
  });

  it('refuses to overwrite an existing note', () => {
    run('guides', 'keep-me');
    const second = run('guides', 'keep-me');
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('already exists');
  });

  it('explains a bad section or slug', () => {
    expect(run('poems', 'x').stderr).toContain('unknown section "poems"');
    expect(run('notes', 'no-date').stderr).toContain('YYYY/MM/short-kebab-slug');
    expect(run('papers', 'Not Kebab').stderr).toContain('kebab-case');
  });

  it('is wired as an npm script', () => {
    const pkg = JSON.parse(execFileSync('cat', [join(root, 'package.json')], { encoding: 'utf8' }));
    expect(pkg.scripts.new).toBe('node scripts/new-note.ts');
  });
});
