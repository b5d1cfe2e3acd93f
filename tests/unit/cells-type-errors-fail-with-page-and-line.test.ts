/**
 * Cells are type-checked against the real types of the notebooks, tfjs and
 * cells/display: a type error names the page, the cell and the file line; a
 * page's cells see each other's names; cells that must throw are exempt.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCellTypes } from '../../src/cells/build/cell-types.ts';
import type { ExecutableCell } from '../../src/cells/build/execute.ts';
import { root } from '../cells/site-cells.ts';

const cell = (id: string, code: string, fence: number, error?: string): ExecutableCell => ({ id, code, options: { hidden: false, ...(error ? { error } : {}) }, fence });
const dir = join(root, 'node_modules/.cache/cell-types-test');

describe('cell type check', () => {
  it('reports type errors against the real module types, by page and line, and exempts expected errors', { timeout: 300_000 }, () => {
    const errors = checkCellTypes(
      root,
      [
        {
          page: 'content/a.mdx',
          cells: [
            cell('load', "import { spread } from 'notebooks/seeds';\nconst s = spread([1, 2, 3]);", 10),
            // Uses the earlier cell's name: fine. Then a wrong argument type for a real notebook function.
            cell('use', "console.log(s.mean);\nconst t = spread('not numbers');", 20),
            cell('shown', "import { table as show } from 'cells/display';\nshow(42);", 30),
            cell('expected', 'const broken: number = "x";', 40, 'whatever'),
          ],
        },
        { page: 'content/b.mdx', cells: [cell('fine', 'const n: number = 1;\nn.toFixed(2);', 5)] },
      ],
      dir,
    );
    expect(errors.map(({ page, cell: id, line }) => `${page}:${line} ${id}`)).toEqual(['content/a.mdx:22 use', 'content/a.mdx:32 shown']);
    expect(errors[0].message).toMatch(/^TS2345: Argument of type 'string' is not assignable/);
  });
});
