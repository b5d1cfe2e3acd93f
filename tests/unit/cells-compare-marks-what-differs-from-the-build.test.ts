/**
 * "My run vs the build": which of the reader's table values differ from the
 * build's (by shown value, columns matched by name), and that the compare view
 * marks exactly those in the reader's rendered table, the folded rows included.
 */
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { tableOutput } from '../../src/cells/core/outputs.ts';
import { renderOutputs, tableFirstRows, toDom, toHtml } from '../../src/cells/core/render.ts';
import { CompareView } from '../../src/cells/browser/compare-view.ts';
import { diffTables } from '../../src/cells/browser/table-diff.ts';
import { strings } from '../../src/cells/browser/strings.ts';

describe('diffTables', () => {
  it('reports the values whose shown text differs, row by row', () => {
    const build = { columns: ['loss', 'spearman'], rows: [['0.51', '0.62'], ['0.40', '0.70']] };
    const mine = { columns: ['loss', 'spearman'], rows: [['0.51', '0.66'], ['0.40', '0.70']] };
    expect(diffTables(build, mine)).toEqual({ changed: [{ row: 0, column: 1, build: '0.62' }], total: 4 });
  });

  it('matches columns by name, so reordering them changes nothing', () => {
    const build = { columns: ['a', 'b'], rows: [['1', '2']] };
    const mine = { columns: ['b', 'a'], rows: [['2', '1']] };
    expect(diffTables(build, mine).changed).toEqual([]);
  });

  it('counts a new column, a new row and an empty cell as changed, with nothing from the build to show', () => {
    const build = { columns: ['a'], rows: [['1']] };
    const mine = { columns: ['a', 'extra'], rows: [['1', '9'], ['', '3']] };
    expect(diffTables(build, mine).changed).toEqual([
      { row: 0, column: 1, build: undefined },
      { row: 1, column: 0, build: undefined },
      { row: 1, column: 1, build: undefined },
    ]);
  });

  it('treats the same number written two ways as equal, and blank as different from zero', () => {
    const build = { columns: ['x', 'y'], rows: [['0.001', '']] };
    const mine = { columns: ['x', 'y'], rows: [['1e-3', '0']] };
    expect(diffTables(build, mine).changed).toEqual([{ row: 0, column: 1, build: '' }]);
  });
});

describe('CompareView', () => {
  const rows = (shift: number) => Array.from({ length: tableFirstRows + 5 }, (_, i) => ({ step: i, loss: i === tableFirstRows + 2 ? 0.5 + shift : 0.25 + i / 1000 }));

  function cellWith(buildShift: number, mineShift: number) {
    const { document } = parseHTML(`<div class="cell"><div data-cell-output>${toHtml(renderOutputs([tableOutput(rows(buildShift))]))}</div></div>`);
    const region = document.querySelector('[data-cell-output]') as unknown as HTMLElement;
    const compare = new CompareView(region, [...region.childNodes], 'en');
    // The live draw replaces the build's nodes with the reader's, as output-view.ts does.
    region.replaceChildren(...renderOutputs([tableOutput(rows(mineShift))]).map((node) => toDom(node, document as unknown as Document)));
    return { document, region, compare };
  }

  it('marks only the differing value, in the folded rows too, and says how many differ', () => {
    const { document, region, compare } = cellWith(0, 0.125);
    compare.toggle(true);
    const marked = [...region.querySelectorAll('.cell-changed')];
    expect(marked.map((td) => td.textContent)).toEqual(['0.625']);
    expect(marked[0]?.getAttribute('title')).toBe(strings.en.buildValue('0.5'));
    expect(marked[0]?.closest('details')).not.toBeNull();
    expect(document.querySelector('.cell-compare-caption')?.textContent).toBe(`${strings.en.yourRun} · ${strings.en.tableDiffers(1, (tableFirstRows + 5) * 2)}`);
    // The build's own table sits beside the reader's, unmarked.
    expect(document.querySelectorAll('.cell-build-output table').length).toBe(2);
    expect(document.querySelectorAll('.cell-build-output .cell-changed').length).toBe(0);
  });

  it('says the values are the same when the run reproduces the build, and unmarks when closed', () => {
    const same = cellWith(0, 0);
    same.compare.toggle(true);
    expect(same.region.querySelectorAll('.cell-changed').length).toBe(0);
    expect(same.document.querySelector('.cell-compare-caption')?.textContent).toBe(`${strings.en.yourRun} · ${strings.en.tableSame}`);

    const changed = cellWith(0, 1);
    changed.compare.toggle(true);
    expect(changed.region.querySelectorAll('.cell-changed').length).toBe(1);
    changed.compare.toggle(false);
    expect(changed.region.querySelectorAll('.cell-changed').length).toBe(0);
    expect((changed.document.querySelector('.cell-compare-build') as unknown as HTMLElement).hidden).toBe(true);
  });
});

describe('run times in the cell header', () => {
  it('reads as milliseconds, seconds, then minutes, rounded to the second before splitting', () => {
    expect(strings.en.duration(340)).toBe('340 ms');
    expect(strings.en.duration(1_234)).toBe('1.2 s');
    expect(strings.en.duration(119_600)).toBe('2 min 0 s');
    expect(strings['zh-cn'].duration(65_000)).toBe('1 分 5 秒');
  });
});
