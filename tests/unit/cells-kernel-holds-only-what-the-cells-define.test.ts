import { describe, expect, it } from 'vitest';
import { Kernel, type KernelHost } from '../../src/cells/core/kernel.ts';
import { Capture } from '../../src/cells/core/capture.ts';
import type { Output } from '../../src/cells/core/outputs.ts';

const host: KernelHost = { modules: [], load: async () => ({}) };

async function run(kernel: Kernel, id: string, code: string, capture = new Capture()) {
  const error = await kernel.run(id, code, capture);
  return { error, outputs: capture.outputs(), capture };
}

const text = (outputs: Output[]) => outputs.map((o) => (o.kind === 'stream' ? o.text : o.kind === 'error' ? `${o.name}: ${o.message}` : '')).join('\n');
const wait = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

describe('definitions are exact', () => {
  it('removes a renamed name, and a cell still reading it names the cell that defined it', async () => {
    const kernel = new Kernel(host, 'seed');
    await run(kernel, 'params', 'const rate = 0.1');
    expect((await run(kernel, 'use', 'console.log(rate)')).outputs[0]).toMatchObject({ kind: 'stream', text: '0.1' });
    await run(kernel, 'params', 'const lr = 0.1');
    expect('rate' in kernel.scope).toBe(false);
    const { error } = await run(kernel, 'use', 'console.log(rate)');
    expect(error?.message).toBe('`rate` is no longer defined (cell `params` defined it)');
  });

  it('removes the names of a deleted cell', async () => {
    const kernel = new Kernel(host, 'seed');
    await run(kernel, 'a', 'const x = 1; function f() { return 2 }');
    kernel.forget('a');
    expect(Object.keys(kernel.scope)).toEqual([]);
    expect((await run(kernel, 'b', 'f()')).error?.message).toContain('`f` is no longer defined (cell `a` defined it)');
  });

  it('keeps a name that moved to another cell when the first cell re-runs', async () => {
    const kernel = new Kernel(host, 'seed');
    await run(kernel, 'a', 'const x = 1');
    await run(kernel, 'b', 'const x = 2');
    await run(kernel, 'a', 'const y = 3');
    expect(kernel.scope.x).toBe(2);
    expect(kernel.definedBy('b')).toEqual(['x']);
    expect(kernel.definedBy('a')).toEqual(['y']);
  });
});

describe('timers belong to their cell', () => {
  it('writes a late callback into the cell that scheduled it, not into the cell running then', async () => {
    const kernel = new Kernel(host, 'seed');
    const first = await run(kernel, 'timer', "setTimeout(() => console.log('late'), 30); console.log('now')");
    const other = await run(kernel, 'other', 'await new Promise((ok) => setTimeout(ok, 60)); console.log("other")');
    expect(text(first.capture.outputs())).toBe('now\nlate');
    expect(text(other.outputs)).toBe('other');
  });

  it('cancels a cell’s intervals when it runs again, and reports how many are live', async () => {
    const live: number[] = [];
    const kernel = new Kernel(host, 'seed', { timers: (_cell, count) => live.push(count) });
    const ticking = await run(kernel, 'tick', "setInterval(() => console.log('tick'), 5)");
    expect(kernel.liveTimers('tick')).toBe(1);
    await wait(40);
    await run(kernel, 'tick', "console.log('quiet')");
    expect(kernel.liveTimers('tick')).toBe(0);
    const ticks = text(ticking.capture.outputs()).split('\n').length;
    await wait(40);
    expect(text(ticking.capture.outputs()).split('\n').length).toBe(ticks);
    expect(live).toContain(0);
  });

  it('makes a throw inside a timer that cell’s error, with its line', async () => {
    const late: string[] = [];
    const kernel = new Kernel(host, 'seed', { lateError: (cell) => late.push(cell) });
    const { capture } = await run(kernel, 'boom', "const a = 1;\nsetTimeout(() => {\n  throw new Error('in a timer');\n}, 10);");
    await wait(40);
    const error = capture.outputs().find((o) => o.kind === 'error');
    expect(error).toMatchObject({ message: 'in a timer', line: 3 });
    expect(late).toEqual(['boom']);
  });
});

describe('the kernel heals', () => {
  it('keeps working after a cell nulls console', async () => {
    const kernel = new Kernel(host, 'seed');
    await run(kernel, 'a', '(globalThis as any).console = null');
    expect(globalThis.console).not.toBeNull();
    expect(text((await run(kernel, 'b', "console.log('still here')")).outputs)).toBe('still here');
  });

  it('removes what a cell adds to Object.prototype and says so', async () => {
    const kernel = new Kernel(host, 'seed');
    const { outputs } = await run(kernel, 'a', '(Object.prototype as any).polluted = 1');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(text(outputs)).toContain('"polluted"');
    expect((await run(kernel, 'b', 'const ok = 1 + 1; ok')).error).toBeUndefined();
  });
});

describe('returned charts', () => {
  it('draws a Plot figure a cell returns, instead of failing on the missing document', async () => {
    const kernel = new Kernel(host, 'seed');
    const { error, outputs } = await run(kernel, 'chart', "import { Plot } from 'cells/display';\nPlot.plot({ marks: [Plot.dot([1, 2, 3])] })");
    expect(error).toBeUndefined();
    expect(outputs[0]?.kind).toBe('plot');
  });
});
