import { describe, expect, it } from 'vitest';
import { Capture } from '../../src/cells/core/capture.ts';
import { createDisplayModule } from '../../src/cells/core/display.ts';
import { toHtml, renderOutputs } from '../../src/cells/core/render.ts';
import { checkWorkerMessage } from '../../src/cells/browser/validate.ts';

describe('prose() writes a sentence from the results in the page language', () => {
  it('renders the English text on English pages and the Chinese text on Chinese pages, as text', () => {
    const capture = new Capture();
    const display = createDisplayModule(() => capture);
    display.prose({ en: 'MSE <b>wins</b> by 0.02', 'zh-cn': 'MSE 高出 0.02' });
    const outputs = capture.outputs();
    expect(toHtml(renderOutputs(outputs, 'en'))).toBe('<p class="cell-prose">MSE &#x3C;b>wins&#x3C;/b> by 0.02</p>');
    expect(toHtml(renderOutputs(outputs, 'zh-cn'))).toBe('<p class="cell-prose">MSE 高出 0.02</p>');
  });

  it('refuses a call without both languages', () => {
    const display = createDisplayModule(() => new Capture());
    expect(() => display.prose({ en: 'only English' } as never)).toThrow(/zh-cn/);
  });

  it('passes the page check only with both texts as strings', () => {
    const cells = new Set(['a']);
    const message = (text: unknown) => checkWorkerMessage({ type: 'outputs', cell: 'a', outputs: [{ kind: 'prose', text }] }, cells);
    expect(message({ en: 'x', 'zh-cn': 'y', extra: 1 })).toEqual({ ok: true, message: { type: 'outputs', cell: 'a', outputs: [{ kind: 'prose', text: { en: 'x', 'zh-cn': 'y' } }] } });
    expect(message({ en: 'x' })).toMatchObject({ ok: false, cell: 'a' });
    expect(message({ en: 'x', 'zh-cn': { toString: 1 } })).toMatchObject({ ok: false });
  });
});
