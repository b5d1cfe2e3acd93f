import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { inspect, tableOutput, valueOutput, type Output } from '../../src/cells/core/outputs.ts';
import { renderOutputs, toDom, toHtml } from '../../src/cells/core/render.ts';
import { sanitiseSvg } from '../../src/cells/core/svg.ts';

const attack = '<img src=x onerror=alert(1)>';

describe('output model and rendering', () => {
  it('renders printed markup as text, never as elements', () => {
    const outputs: Output[] = [
      { kind: 'stream', name: 'stdout', text: attack },
      valueOutput({ [attack]: attack }),
      tableOutput([{ name: attack }]),
      { kind: 'error', name: 'Error', message: attack, cell: 'x' },
      { kind: 'progress', id: 'p', done: 1, total: 2, label: attack },
    ];
    const html = toHtml(renderOutputs(outputs));
    expect(html).toContain('<pre class="cell-stream cell-stdout" tabindex="0">&#x3C;img src=x onerror=alert(1)></pre>');
    // Parsed back as a browser would: text everywhere, no element made from it.
    const built = parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
    expect(built.querySelectorAll('img')).toHaveLength(0);
    expect((built.body.textContent ?? "").split(attack).length - 1).toBe(6);
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    for (const node of renderOutputs(outputs)) document.body.appendChild(toDom(node, document as unknown as Document));
    expect(document.querySelectorAll('img')).toHaveLength(0);
    expect(document.body.textContent).toContain(attack);
  });

  it('makes every text box that can scroll a tab stop, so a keyboard reader can scroll a long error, log or tensor', () => {
    const outputs: Output[] = [
      { kind: 'stream', name: 'stderr', text: 'x\n'.repeat(500) },
      { kind: 'error', name: 'Error', message: 'y'.repeat(5000), cell: 'x' },
      { kind: 'tensor', dtype: 'float32', shape: [2], preview: '[1, 2]' },
    ];
    const { document } = parseHTML(`<!doctype html><html><body>${toHtml(renderOutputs(outputs))}</body></html>`);
    const boxes = [...document.querySelectorAll('pre')];
    expect(boxes.map((pre) => pre.getAttribute('tabindex'))).toEqual(['0', '0', '0']);
  });

  it('builds an inspector tree for objects, arrays, maps and cycles', () => {
    const cyclic: Record<string, unknown> = { n: 1, list: [1, 'two', null], map: new Map([['k', true]]) };
    cyclic.self = cyclic;
    const tree = inspect(cyclic);
    expect(tree).toMatchObject({
      type: 'object',
      entries: [
        ['n', { type: 'primitive', text: '1' }],
        ['list', { type: 'array', label: 'Array(3)', items: [{ text: '1' }, { text: '"two"' }, { text: 'null' }] }],
        ['map', { type: 'map', entries: [[{ text: '"k"' }, { text: 'true' }]] }],
        ['self', { type: 'circular' }],
      ],
    });
    // Serialisable: survives a JSON round trip unchanged (it crosses postMessage and the cache).
    expect(JSON.parse(JSON.stringify(tree))).toEqual(tree);
  });

  it('renders a tensor with dtype, shape and values', async () => {
    const tf = await import('@tensorflow/tfjs');
    await tf.setBackend('cpu');
    const output = valueOutput(tf.tensor2d([[1, 2], [3, 4]], [2, 2], 'int32'));
    expect(output).toMatchObject({ kind: 'tensor', dtype: 'int32', shape: [2, 2] });
    const html = toHtml(renderOutputs([output]));
    expect(html).toContain('Tensor int32 [2, 2]');
    expect(html).toContain('[[1, 2],');
  });

  it('renders a table with a header row', () => {
    const html = toHtml(renderOutputs([tableOutput([{ model: 'CoSENT', spearman: 0.81234 }, { model: 'SBERT', spearman: 0.7 }])]));
    expect(html).toContain('<thead><tr><th>model</th><th>spearman</th></tr></thead>');
    expect(html).toContain('<td class="cell-number">0.8123</td>');
  });
});

describe('SVG sanitising', () => {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const svgOf = (markup: string) => {
    const holder = document.createElement('div');
    holder.innerHTML = markup;
    return holder.firstChild as unknown as Parameters<typeof sanitiseSvg>[0];
  };

  it('drops scripts, foreignObject, event handlers and outside references', () => {
    const dirty = svgOf(
      '<svg viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script><foreignObject><img src="x" onerror="alert(3)"></foreignObject>' +
        '<a href="javascript:alert(4)"><text>link</text></a><use href="https://evil.example/x.svg#a"></use><use href="#mark"></use>' +
        '<rect width="5" height="5" fill="url(https://evil.example/p)" style="fill: url(https://evil.example/q)"></rect>' +
        '<circle r="2" fill="url(#grad)" onclick="alert(5)"></circle><style>@import url(https://evil.example/s.css);</style></svg>',
    );
    const html = toHtml(sanitiseSvg(dirty)!);
    expect(html).not.toMatch(/script|foreignObject|onload|onclick|onerror|javascript:|evil\.example|<style/i);
    expect(html).toContain('<use href="#mark"></use>');
    expect(html).toContain('<circle r="2" fill="url(#grad)"></circle>');
    expect(html).toContain('viewBox="0 0 10 10"');
  });

  it('keeps a Plot chart drawn with linkedom', async () => {
    const Plot = await import('@observablehq/plot');
    const chart = Plot.plot({ document: document as unknown as Document, marks: [Plot.lineY([1, 3, 2])] });
    const html = toHtml(sanitiseSvg(chart as unknown as Parameters<typeof sanitiseSvg>[0])!);
    expect(html.startsWith('<svg')).toBe(true);
    expect(html).toMatch(/<path[^>]* d="M/);
    // Plot's stylesheet is replaced by inline layout (see svg.ts).
    expect(html).not.toContain('<style');
    expect(html).toMatch(/^<svg[^>]* style="display: block; height: auto; max-width: 100%;"/);
    // Every named mark group carries an explicit role, or its name is prohibited ARIA.
    expect(html).toMatch(/<g[^>]* aria-label="line"/);
    expect(html).not.toMatch(/<g(?![^>]*role=)[^>]* aria-label=/);
  });
});
