import { describe, expect, it } from 'vitest';
import { analyseCell } from '../../src/cells/core/analyse.ts';
import { transpileCell } from '../../src/cells/core/transpile.ts';

const sorted = (names: string[]) => [...names].sort();

describe('analyseCell', () => {
  it('finds top-level names, destructuring included', () => {
    const { defines } = analyseCell('const { a, b: [c, ...d], e: { f = 1 } } = source;\nlet g, h = 2;\nvar i;');
    expect(sorted(defines)).toEqual(['a', 'c', 'd', 'f', 'g', 'h', 'i']);
  });

  it('counts functions, classes and every kind of import as definitions', () => {
    const { defines, imports } = analyseCell(
      "import * as tf from '@tensorflow/tfjs';\nimport d, { x as y, z } from 'notebooks/losses';\nfunction train() {}\nclass Model {}\nconst arrow = () => 1;",
    );
    expect(sorted(defines)).toEqual(['Model', 'arrow', 'd', 'tf', 'train', 'y', 'z']);
    expect(imports).toEqual(['@tensorflow/tfjs', 'notebooks/losses']);
  });

  it('lists free names used, not the cell’s own or property names', () => {
    const { uses } = analyseCell('const total = weights.reduce((s, w) => s + w * scale, 0);\nconsole.log(total, model.layers, { key: value });');
    expect(sorted(uses)).toEqual(['console', 'model', 'scale', 'value', 'weights']);
  });

  it('does not count a name shadowed inside a function as a use', () => {
    const { uses } = analyseCell('function f(data) {\n  const model = 1;\n  return data + model;\n}\nconst g = (lr) => { let epochs = 3; return lr * epochs; };');
    expect(uses).toEqual([]);
  });

  it('counts a name used in a function body but declared nowhere in the cell', () => {
    expect(analyseCell('function loss() { return predictions.sub(labels); }').uses.sort()).toEqual(['labels', 'predictions']);
  });

  it('on transpiled code, a name used only as a type is not a use', () => {
    expect(analyseCell(transpileCell('const t: Tensor = make(2) as Tensor;')).uses).toEqual(['make']);
  });
});
