import { describe, expect, it } from 'vitest';
import { checkDefinitions } from '../../src/cells/build/page-errors.ts';

describe('checkDefinitions (shared by the build and the site-wide cell test)', () => {
  it('names the page and the fence line of the second cell that defines a name', () => {
    const cells = [
      { id: 'a', code: 'const x = 1;', fence: 10 },
      { id: 'b', code: 'console.log(x);', fence: 20 },
      { id: 'c', code: 'let x = 2;', fence: 30 },
    ];
    expect(() => checkDefinitions(cells, 'content/papers/demo.mdx')).toThrow(/^content\/papers\/demo\.mdx:30 .*x/);
  });

  it('accepts a page where each name has one defining cell', () => {
    expect(() => checkDefinitions([{ id: 'a', code: 'const x = 1;', fence: 1 }, { id: 'b', code: 'const y = x + 1;', fence: 5 }], 'p.mdx')).not.toThrow();
  });
});
