import { describe, expect, it } from 'vitest';
import { CellSyntaxError, transpileCell } from '../../src/cells/core/transpile.ts';
import { Kernel } from '../../src/cells/core/kernel.ts';
import { Capture } from '../../src/cells/core/capture.ts';

const host = { modules: [], load: async () => undefined };

describe('transpileCell', () => {
  it('strips types and keeps every statement on its line', () => {
    const ts = 'interface P {\n  a: number;\n}\nconst p: P = { a: 1 };\nfunction f<T>(x: T): T {\n  return x;\n}\nconsole.log(f(p).a as number);';
    const js = transpileCell(ts);
    expect(js.split('\n')).toHaveLength(ts.split('\n').length);
    expect(js.split('\n')[3]).toBe('const p = { a: 1 };');
    expect(js.split('\n')[7]).toBe('console.log(f(p).a );');
  });

  it('keeps imports whose names only later cells use', () => {
    expect(transpileCell("import * as tf from '@tensorflow/tfjs';")).toContain('import * as tf');
  });

  it('reports a syntax error at its line and column in the TypeScript', () => {
    const ts = 'const a: number = 1;\nconst b: string = "x";\nconst c = (a +;\n';
    let error: unknown;
    try {
      transpileCell(ts);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CellSyntaxError);
    expect((error as CellSyntaxError).line).toBe(3);
    // The offending ";" is the 15th character of line 3.
    expect((error as CellSyntaxError).column).toBe(15);
  });
});

describe('error positions from the kernel', () => {
  it('gives a runtime error the line of the TypeScript that threw', async () => {
    const kernel = new Kernel(host, 'seed');
    const code = 'type Row = { v: number };\nconst rows: Row[] = [];\n\nconst first = rows[0]!;\nconsole.log(first.v);\n';
    const error = await kernel.run('runtime', code, new Capture());
    expect(error).toMatchObject({ kind: 'error', name: 'TypeError', line: 5, cell: 'runtime' });
  });

  it('gives a syntax error its line and column as an error output', async () => {
    const kernel = new Kernel(host, 'seed');
    const error = await kernel.run('syntax', 'const ok = 1;\nconst bad: number = ;', new Capture());
    expect(error).toMatchObject({ name: 'SyntaxError', line: 2, column: 21 });
  });

  it('points at the line of a throw inside a function the cell defined', async () => {
    const kernel = new Kernel(host, 'seed');
    const code = 'function check(n: number) {\n  if (n < 0) {\n    throw new RangeError("negative");\n  }\n}\ncheck(-1);';
    expect(await kernel.run('nested', code, new Capture())).toMatchObject({ name: 'RangeError', message: 'negative', line: 3 });
  });
});
