import { describe, expect, it } from 'vitest';
import { Kernel, type KernelHost } from '../../src/cells/core/kernel.ts';
import { Capture } from '../../src/cells/core/capture.ts';
import type { Output } from '../../src/cells/core/outputs.ts';

const host: KernelHost = {
  modules: ['notebooks/answer'],
  load: async () => ({ answer: 42, default: 'the default' }),
  watchUnhandledRejections(report) {
    const listener = (reason: unknown) => report(reason);
    process.on('unhandledRejection', listener);
    return () => void process.off('unhandledRejection', listener);
  },
};

async function run(kernel: Kernel, id: string, code: string): Promise<{ error: Awaited<ReturnType<Kernel['run']>>; outputs: Output[] }> {
  const capture = new Capture();
  const error = await kernel.run(id, code, capture);
  return { error, outputs: capture.outputs() };
}

const stdout = (outputs: Output[]) => outputs.flatMap((o) => (o.kind === 'stream' && o.name === 'stdout' ? [o.text] : [])).join('\n');

describe('Kernel', () => {
  it('shares top-level bindings between cells, in page order', async () => {
    const kernel = new Kernel(host, 'page');
    await run(kernel, 'a', 'const { x, y: [z] } = { x: 2, y: [3] };\nlet count = 0;\nfunction bump() { count += 1; return count; }\nclass Box { constructor(public v = x) {} }');
    const { error, outputs } = await run(kernel, 'b', 'bump(); bump();\nconsole.log(x * z, count, new Box().v);');
    expect(error).toBeUndefined();
    expect(stdout(outputs)).toBe('6 2 2');
  });

  it('supports top-level await', async () => {
    const kernel = new Kernel(host, 'page');
    const { error, outputs } = await run(kernel, 'wait', 'const v = await new Promise<number>((r) => setTimeout(() => r(7), 5));\nconsole.log(v);');
    expect(error).toBeUndefined();
    expect(stdout(outputs)).toBe('7');
  });

  it('imports host modules and shares imported names', async () => {
    const kernel = new Kernel(host, 'page');
    await run(kernel, 'imp', "import fallback, { answer } from 'notebooks/answer';");
    expect(stdout((await run(kernel, 'use', 'console.log(answer, fallback);')).outputs)).toBe('42 the default');
  });

  it('rejects an unknown import with the list of available modules', async () => {
    const { error } = await run(new Kernel(host, 'page'), 'bad', "import _ from 'lodash';");
    expect(error?.message).toBe('Cannot import "lodash": a cell can import "cells/display", "notebooks/answer"');
    expect(error?.line).toBe(1);
  });

  it('reports an unhandled promise rejection as the cell’s error', async () => {
    const { error } = await run(new Kernel(host, 'page'), 'later', "console.log('start');\nPromise.reject(new Error('nobody awaited me'));");
    expect(error).toMatchObject({ kind: 'error', message: 'nobody awaited me', cell: 'later' });
  });

  it('shows the value of a last expression, but not of an assignment', async () => {
    const kernel = new Kernel(host, 'page');
    expect((await run(kernel, 'expr', 'const m = new Map([["a", 1]]);\nm')).outputs).toEqual([
      { kind: 'value', tree: { type: 'map', label: 'Map(1)', entries: [[{ type: 'primitive', kind: 'string', text: '"a"' }, { type: 'primitive', kind: 'number', text: '1' }]], more: 0 } },
    ]);
    expect((await run(kernel, 'assign', 'let w = 0;\nw = 5')).outputs).toEqual([]);
  });

  it('seeds Math.random per page, so two kernels with one seed agree', async () => {
    const draw = async (seed: string) => stdout((await run(new Kernel(host, seed), 'r', 'console.log(Math.random(), Math.random());')).outputs);
    expect(await draw('content/a.mdx')).toBe(await draw('content/a.mdx'));
    expect(await draw('content/a.mdx')).not.toBe(await draw('content/b.mdx'));
  });

  it('restores console and Math.random after a cell, even one that throws', async () => {
    const { log } = console;
    const { random } = Math;
    await run(new Kernel(host, 'page'), 'throws', 'throw new Error("x");');
    expect(console.log).toBe(log);
    expect(Math.random).toBe(random);
  });

  it('routes console.warn and console.error to stderr', async () => {
    const { outputs } = await run(new Kernel(host, 'page'), 'warn', 'console.warn("careful");\nconsole.error({ code: 3 });');
    expect(outputs).toEqual([{ kind: 'stream', name: 'stderr', text: 'careful\n{code: 3}' }]);
  });
});
