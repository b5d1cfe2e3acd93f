/**
 * The remark plugin on fixture pages, through a real remark → rehype → HTML
 * pipeline: what the Astro build does per page, without building the site.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import { parseHTML } from 'linkedom';
import remarkCells, { cellCounts } from '../../src/cells/build/remark-cells.ts';
import { root } from './site-cells.ts';
import { sourceSelector } from '../../src/cells/core/markup.ts';

const fixtures = 'tests/cells/fixtures/content';

async function render(name: string, cache = false): Promise<string> {
  const path = join(root, fixtures, name);
  const file = new VFile({ path, value: readFileSync(path, 'utf8') });
  const processed = await unified().use(remarkParse).use(remarkCells, { root, cache }).use(remarkRehype).use(rehypeStringify).process(file);
  return String(processed);
}

describe('remark-cells', () => {
  it('fails on a throwing cell, naming the file and the line that threw', async () => {
    await expect(render('failing.md')).rejects.toThrow(`${fixtures}/failing.md:8 TypeError: Cannot read properties of null (reading 'c')`);
  });

  it('fails when an expected error does not happen', async () => {
    await expect(render('unexpected-success.md')).rejects.toThrow(
      `${fixtures}/unexpected-success.md:3 The cell should throw an error containing "Cannot import" but ran without one`,
    );
  });

  it('fails when two cells define one name, at the second cell', async () => {
    await expect(render('defined-twice.md')).rejects.toThrow(`${fixtures}/defined-twice.md:9 "rate" is defined by two cells, "first" and "second"`);
  });

  it('embeds every output kind, the source and the options in the markup contract', async () => {
    const { document } = parseHTML(`<!doctype html><html><body>${await render('reproducible.md')}</body></html>`);
    const page = document.querySelector('[data-cell-page]');
    expect(page?.getAttribute('data-cell-page')).toBe(`${fixtures}/reproducible.md`);
    const cells = [...document.querySelectorAll('[data-cell]')];
    expect(cells.map((cell) => [cell.getAttribute('data-cell'), cell.getAttribute('data-cell-state')])).toEqual([
      ['setup', 'done'],
      ['outputs', 'done'],
      ['expected', 'error'],
      ['slow', 'skipped'],
      ['markup-in-code', 'done'],
    ]);
    const source = JSON.parse(cells[0].querySelector(sourceSelector)?.textContent ?? '{}');
    expect(source.code).toContain("import * as tf from '@tensorflow/tfjs';");
    const outputs = cells[1].querySelector('[data-cell-output]');
    expect(outputs?.querySelector('.cell-tensor-meta')?.textContent).toBe('Tensor float32 [2, 3]');
    expect(outputs?.querySelectorAll('table tbody tr')).toHaveLength(5);
    expect(outputs?.querySelector('progress')?.getAttribute('value')).toBe('4');
    expect(outputs?.querySelector('.cell-plot svg path')).not.toBeNull();
    expect(outputs?.querySelector('.cell-result')?.textContent).toContain('mean');
    expect(cells[2].querySelector('.cell-error')?.textContent).toMatch(/TypeError: notCallable is not a function \(line 2\)/);
    expect(cells[3].getAttribute('data-cell-skip')).toBe('would train for ten minutes');
    expect(cells[3].querySelector('.cell-skipped')?.textContent).toContain('would train for ten minutes');
    // Code and output holding markup stay text: the source round-trips, nothing becomes an element.
    expect(JSON.parse(cells[4].querySelector(sourceSelector)?.textContent ?? '{}').code).toContain("'</pre><img src=x onerror=alert(1)><script>alert(2)</script>'");
    expect(cells[4].querySelector('[data-cell-output]')?.textContent).toBe('</pre><img src=x onerror=alert(1)><script>alert(2)</script>');
    expect(document.querySelectorAll('img, script')).toHaveLength(0);
  });

  it('gives identical HTML on two clean runs (seeded randomness, static plots)', async () => {
    expect(await render('reproducible.md')).toBe(await render('reproducible.md'));
  });

  it('reads an unchanged page back from the cache and counts it', async () => {
    const first = await render('reproducible.md', true);
    const before = { ...cellCounts };
    const second = await render('reproducible.md', true);
    expect(second).toBe(first);
    // Four cells run (the skipped one does not count); the second render executed none of them.
    expect(cellCounts.executed - before.executed).toBe(0);
    expect(cellCounts.cached - before.cached).toBe(4);
  });
});
