/**
 * Plot and linkedom are most of a build realm's start-up, and most pages with
 * cells never plot: the kernel loads the plotting half of `cells/display`
 * only for a cell that imports `plot` or `Plot`, or the whole module.
 */
import { describe, expect, it, vi } from 'vitest';
import { Kernel, type KernelHost } from '../../src/cells/core/kernel.ts';
import { Capture } from '../../src/cells/core/capture.ts';
import { plotNames } from '../../src/cells/core/display.ts';
import { createPlotPart } from '../../src/cells/core/display-plot.ts';

const loads = vi.hoisted(() => ({ plot: 0 }));
// Counts the kernel's calls into the plotting half; the module itself is the real one.
vi.mock('../../src/cells/core/display-plot.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/cells/core/display-plot.ts')>();
  return {
    ...real,
    createPlotPart: (...args: Parameters<typeof real.createPlotPart>) => {
      loads.plot += 1;
      return real.createPlotPart(...args);
    },
  };
});

const host: KernelHost = { modules: [], load: async () => ({}), watchUnhandledRejections: () => () => {} };

async function run(kernel: Kernel, id: string, code: string) {
  const capture = new Capture();
  const error = await kernel.run(id, code, capture);
  return { error, outputs: capture.outputs() };
}

describe('cells/display loads Plot only for cells that plot', () => {
  it('names exactly what the plotting half provides', () => {
    expect(Object.keys(createPlotPart(() => new Capture())).sort()).toEqual([...plotNames].sort());
  });

  it('runs table and prose without Plot, then loads it for the first cell that plots', async () => {
    const before = loads.plot;
    const kernel = new Kernel(host, 'page');
    const light = await run(kernel, 'rows', "import { table, prose } from 'cells/display';\ntable([{ a: 1 }]);\nprose({ en: 'one row', 'zh-cn': '一行' });");
    expect(light.error).toBeUndefined();
    expect(light.outputs.map((o) => o.kind)).toEqual(['table', 'prose']);
    expect(loads.plot).toBe(before);

    const drawn = await run(kernel, 'draw', "import { plot, Plot } from 'cells/display';\nplot({ marks: [Plot.dot([1, 2, 3])] });");
    expect(drawn.error).toBeUndefined();
    expect(drawn.outputs.map((o) => o.kind)).toEqual(['plot']);
    expect(loads.plot).toBe(before + 1);
  });

  it('gives a namespace import every name, Plot included', async () => {
    const kernel = new Kernel(host, 'page');
    const { error, outputs } = await run(kernel, 'all', "import * as d from 'cells/display';\nconsole.log(Object.keys(d).sort().join(' '), typeof d.Plot.dot);");
    expect(error).toBeUndefined();
    expect(outputs).toMatchObject([{ kind: 'stream', text: expect.stringContaining('Plot display plot progress prose table function') }]);
  });
});
