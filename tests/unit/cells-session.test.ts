/**
 * The live kernel's bookkeeping (src/cells/browser/session.ts): which cells a
 * run needs first and which go stale after an edit; and share links
 * (src/cells/browser/share.ts), which must round-trip any code exactly.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/cells/browser/session.ts';
import { decodeShare, encodeShare } from '../../src/cells/browser/share.ts';

const page = [
  { id: 'data', code: 'const xs = [1, 2, 3];' },
  { id: 'square', code: 'const squares = xs.map((x) => x * x);' },
  { id: 'unrelated', code: "const label = 'hi';" },
  { id: 'total', code: 'const total = squares.reduce((a, b) => a + b, 0);\ntotal' },
];

function ranAll(session: Session, cells = page): void {
  for (const cell of cells) session.record(cell.id, cell.code, true);
}

describe('planning a run', () => {
  it('runs the unrun cells a target depends on, in page order, and skips unrelated ones', () => {
    const session = new Session();
    const { graph } = session.analyse(page);
    expect(session.plan(graph, page, 'total')).toEqual(['data', 'square', 'total']);
  });

  it('runs only the target once its inputs are up to date', () => {
    const session = new Session();
    ranAll(session);
    const { graph } = session.analyse(page);
    expect(session.plan(graph, page, 'total')).toEqual(['total']);
  });

  it('re-runs an edited ancestor before the target', () => {
    const session = new Session();
    ranAll(session);
    const edited = page.map((cell) => (cell.id === 'data' ? { ...cell, code: 'const xs = [4, 5];' } : cell));
    const { graph } = session.analyse(edited);
    expect(session.plan(graph, edited, 'total')).toEqual(['data', 'square', 'total']);
  });

  it('re-runs an ancestor whose last run failed', () => {
    const session = new Session();
    session.record('data', page[0].code, true);
    session.record('square', page[1].code, false);
    const { graph } = session.analyse(page);
    expect(session.plan(graph, page, 'total')).toEqual(['square', 'total']);
  });

  it('refuses a page where two cells define one name, naming both', () => {
    const session = new Session();
    const clash = [...page, { id: 'again', code: 'const xs = [];' }];
    expect(() => session.analyse(clash)).toThrow(/"xs".*"data".*"again"/);
  });
});

describe('states after edits and runs', () => {
  it('marks an edited cell and its dependents stale, and leaves the others alone', () => {
    const session = new Session();
    ranAll(session);
    const edited = page.map((cell) => (cell.id === 'square' ? { ...cell, code: 'const squares = xs.map((x) => x ** 2);' } : cell));
    const { graph } = session.analyse(edited);
    expect(session.states(graph, edited)).toEqual({ data: 'done', square: 'stale', unrelated: 'done', total: 'stale' });
  });

  it('keeps a dependent stale after its ancestor re-runs, until it runs itself', () => {
    const session = new Session();
    ranAll(session);
    session.record('data', page[0].code, true);
    const { graph } = session.analyse(page);
    expect(session.states(graph, page)).toEqual({ data: 'done', square: 'stale', unrelated: 'done', total: 'stale' });
  });

  it('reports cells never run as idle and failed ones as errors', () => {
    const session = new Session();
    session.record('data', page[0].code, false);
    const { graph } = session.analyse(page);
    expect(session.states(graph, page)).toEqual({ data: 'error', square: 'idle', unrelated: 'idle', total: 'idle' });
  });

  it('treats a cell that does not parse as defining nothing, so the page still plans', () => {
    const session = new Session();
    const broken = page.map((cell) => (cell.id === 'unrelated' ? { ...cell, code: 'const = ;' } : cell));
    const { graph, info } = session.analyse(broken);
    expect(info.get('unrelated')?.imports).toEqual([]);
    expect(session.plan(graph, broken, 'unrelated')).toEqual(['unrelated']);
  });
});

describe('share links', () => {
  it('round-trips edited code, including quotes, markup, emoji and Chinese', async () => {
    const code = { hello: "console.log('<b>\"hi\"</b> 🙂 你好');\nconst t = `a\\nb`;", other: '' };
    const fragment = await encodeShare(code);
    expect(fragment).toMatch(/^cells=[A-Za-z0-9_-]+$/);
    expect(await decodeShare(`#${fragment}`)).toEqual(code);
  });

  it('ignores a fragment that is not a share link and rejects a damaged one', async () => {
    expect(await decodeShare('#running-a-cell')).toBeUndefined();
    const fragment = await encodeShare({ hello: 'console.log(1)' });
    await expect(decodeShare(`#${fragment.slice(0, -4)}`)).rejects.toThrow();
  });
});
