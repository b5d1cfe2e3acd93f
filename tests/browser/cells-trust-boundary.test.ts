/**
 * The page trusts nothing a cell, its worker or a share link sends. Each test
 * attacks the built site the way a stranger's share link could: forged worker
 * messages carrying script, frames and page-covering figures; requests to
 * other origins; inputs small on the wire and huge once unpacked. The page
 * must render nothing executable, nothing outside the cell, refuse the
 * requests through its Content-Security-Policy, and stay responsive.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeShare } from '../../src/cells/browser/share.ts';
import { openPage, runCellAndWait } from './harness.ts';
import { cell, openCells, output, reachCells, runAndWait, scriptErrors, type } from './reader.ts';
import { useBuiltSite } from './session.ts';

const guide = 'guides/how-cells-work/';
const session = useBuiltSite();

/**
 * Cell code that posts forged worker messages for other cells of the guide
 * (cells that are not running, so the page draws them): markup with handlers,
 * frames, foreign objects, script URLs, external references and a figure styled
 * to cover the viewport; then a message over the page's size budget and one of
 * an unknown kind.
 */
const forgery = String.raw`
const figure = (tag: string, attrs: Record<string, string>, children: unknown[] = []) => ({ tag, attrs, children });
const forged = [
  { kind: 'plot', svg: figure('img', { src: 'x', onerror: 'window.__pwned = "img"' }) },
  { kind: 'plot', svg: figure('iframe', { src: 'javascript:parent.__pwned = "iframe"', srcdoc: '<script>parent.__pwned = "srcdoc"<\/script>' }) },
  { kind: 'plot', svg: figure('svg', { onload: 'window.__pwned = "svg"', width: '10', height: '10' }, [
    figure('script', {}, [{ text: 'window.__pwned = "script"' }]),
    figure('foreignObject', {}, [figure('img', { src: 'x', onerror: 'window.__pwned = "foreignObject"' })]),
    figure('a', { href: 'javascript:window.__pwned = "link"' }, [{ text: 'click' }]),
    figure('use', { href: 'https://example.com/sprite.svg#x' }),
    figure('rect', { width: '5', height: '5', fill: 'url(https://example.com/x)', onclick: 'window.__pwned = "click"' }),
  ]) },
  { kind: 'plot', svg: figure('svg', { class: 'plot-cover header', style: 'position: fixed; inset: 0; z-index: 2147483647; width: 100vw; height: 100vh; background: red' }, [figure('rect', { width: '100%', height: '100%', fill: 'red' })]) },
  { kind: 'plot', svg: figure('div', { style: 'position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:2147483647;background:red' }, [{ text: 'covered' }]) },
];
self.postMessage({ type: 'outputs', cell: 'inspect', outputs: forged });
const leaf = { type: 'primitive', kind: 'number', text: '1' };
self.postMessage({ type: 'outputs', cell: 'curve', outputs: [{ kind: 'value', tree: { type: 'array', label: 'Array', items: Array.from({ length: 100000 }, () => leaf), more: 0 } }] });
self.postMessage({ type: 'outputs', cell: 'train', outputs: [{ kind: 'html', html: '<img src=x onerror="window.__pwned = 1">' }] });
console.log('forged');
`;

async function expectNothingEscaped(page: Page): Promise<void> {
  // Forged outputs are drawn at the next animation frame.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  const inspect = page.locator('[data-cell="inspect"] [data-cell-output]');
  expect(await inspect.locator('img, iframe, script, foreignObject, a, use, object, embed').count()).toBe(0);
  const handlers = await inspect.evaluate((region) =>
    [...region.querySelectorAll('*')].flatMap((element) => [...element.attributes].map((attr) => attr.name)).filter((name) => name.startsWith('on')),
  );
  expect(handlers).toEqual([]);
  // What the forged figures may look like, they stay inside the cell: every point
  // of the viewport outside the output region shows something else.
  await inspect.scrollIntoViewIfNeeded();
  const escaped = await inspect.evaluate((region) => {
    const box = region.getBoundingClientRect();
    const hits: string[] = [];
    for (let x = 5; x < innerWidth; x += 60) {
      for (let y = 5; y < innerHeight; y += 60) {
        if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) continue;
        const hit = document.elementFromPoint(x, y);
        if (hit && region.contains(hit)) hits.push(`${x},${y}`);
      }
    }
    return hits;
  });
  expect(escaped).toEqual([]);
  expect(await page.locator('[data-cell="curve"] .cell-invalid').count()).toBe(1);
  expect(await page.locator('[data-cell="train"] .cell-invalid').textContent()).toContain('an output kind');
}

/** Main-thread busy time (seconds, from Chromium's metrics) spent while `action` runs. */
async function mainThreadTime(page: Page, action: () => Promise<void>): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskDuration = async () => (await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0;
  const before = await taskDuration();
  await action();
  const after = await taskDuration();
  await cdp.detach();
  return after - before;
}

describe('forged worker messages', () => {
  it('render nothing executable and nothing outside the cell', async () => {
    const { page, consoleErrors } = await openCells(session.browser, session.site.url + guide);
    await type(page, 0, forgery);
    expect(await runAndWait(page, 0)).toContain('forged');
    await expectNothingEscaped(page);
    expect(scriptErrors(consoleErrors)).toEqual([]);
  });

  it('do the same when the code comes from a share link and the reader runs it', async () => {
    const link = `${session.site.url}${guide}#${await encodeShare({ hello: forgery })}`;
    const { page } = await openCells(session.browser, link);
    await expect.poll(() => page.locator('.cells-status').textContent()).toContain('share link');
    // Opening the link ran nothing.
    await page.waitForTimeout(300);
    expect(await cell(page, 0).getAttribute('data-cell-state')).toBe('idle');
    expect(await runAndWait(page, 0)).toContain('forged');
    await expectNothingEscaped(page);
  });
});

describe('the Content-Security-Policy', () => {
  it('refuses a cell’s requests to other origins, and the cell shows the error', async () => {
    const { page, offOriginRequests, consoleErrors } = await openCells(session.browser, session.site.url + guide);
    const probe = String.raw`
const outcomes: string[] = [];
const violations = new Set<string>();
// The worker reports what its inherited policy refused; that is the evidence the policy, not the network, refused.
self.addEventListener('securitypolicyviolation', (event) => violations.add((event as SecurityPolicyViolationEvent).effectiveDirective));
const attempt = async (name: string, go: () => Promise<unknown>) => {
  try {
    await go();
    outcomes.push(name + ': reached');
  } catch (error) {
    outcomes.push(name + ': refused');
  }
};
await attempt('fetch', () => fetch('https://example.com/'));
// Built at run time, so no analysis of the cell's source can see it coming.
await attempt('import', () => new Function('return import("https://example.com/x.js")')());
await attempt('websocket', () => new Promise((ok, fail) => { const ws = new WebSocket('wss://example.com/'); ws.onopen = ok; ws.onerror = () => fail(new Error('closed')); }));
await attempt('eventsource', () => new Promise((ok, fail) => { const es = new EventSource('https://example.com/events'); es.onopen = ok; es.onerror = () => { es.close(); fail(new Error('closed')); }; }));
await attempt('xhr', () => new Promise((ok, fail) => { const xhr = new XMLHttpRequest(); xhr.open('GET', 'https://example.com/'); xhr.onload = ok; xhr.onerror = () => fail(new Error('closed')); xhr.send(); }));
await new Promise((ok) => setTimeout(ok, 100));
console.log(outcomes.join('\n'));
console.log('violated: ' + [...violations].sort().join(' '));
`;
    await type(page, 0, probe);
    const text = await runAndWait(page, 0);
    for (const name of ['fetch', 'import', 'websocket', 'eventsource', 'xhr']) expect(text).toContain(`${name}: refused`);
    expect(text).not.toContain('reached');
    expect(text).toMatch(/violated: .*connect-src/);
    expect(text).toMatch(/violated: .*script-src/);
    expect(offOriginRequests).toEqual([]);
    expect(scriptErrors(consoleErrors)).toEqual([]);

    await type(page, 0, "await fetch('https://example.com/data.json')");
    expect(await runAndWait(page, 0, 'error')).toMatch(/TypeError|Failed to fetch/);
  });

  it('lets the site’s own pages run with no violation: home, search, a note with cells and math, in both languages', async () => {
    for (const path of ['', 'zh-cn/', 'papers/cosent/', 'zh-cn/papers/cosent/', guide]) {
      const { page, consoleErrors } = await openPage(session.browser, session.site.url + path);
      const violations: string[] = [];
      await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
      await page.evaluate(() =>
        document.addEventListener('securitypolicyviolation', (event) => (window as unknown as { reportViolation(text: string): void }).reportViolation(`${event.violatedDirective} ${event.blockedURI}`)),
      );
      await page.getByRole('button', { name: /Search|搜索/ }).first().click();
      await page.locator('dialog[open]').getByRole('searchbox').fill('cosent');
      await page.locator('dialog[open] .search-result-link').first().waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      // The query is an <input type="search">: the first Escape clears it, the second closes the dialog.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await page.locator('dialog[open]').waitFor({ state: 'detached', timeout: 5_000 });
      // Cells on the guide are quick; the paper notes' cells train for minutes and are run by paper-notes.test.ts.
      if (path === guide) {
        await reachCells(page);
        await page.getByRole('button', { name: 'Run cell', exact: true }).first().click();
        await page.locator('[data-cell]').first().and(page.locator('[data-cell-state="done"]')).waitFor({ timeout: 60_000 });
      }
      expect(violations, path).toEqual([]);
      expect(consoleErrors.filter((message) => /Content Security Policy/.test(message)), path).toEqual([]);
      await page.context().close();
    }
  });
});

describe('inputs small on the wire, huge unpacked', () => {
  it('refuses a share link that inflates to 50 MB of code, quickly, and keeps the original code', async () => {
    const bomb = await encodeShare({ hello: 'x'.repeat(50_000_000) });
    expect(bomb.length).toBeLessThan(200_000);
    // The same page opened plainly and from the link: the difference is what the link cost.
    const { page } = await openCells(session.browser, session.site.url + guide);
    const original = await cell(page, 0).locator('pre[data-cell-source]').textContent();
    const plain = await mainThreadTime(page, async () => {
      await page.goto(`${session.site.url}${guide}?plain`);
      await reachCells(page);
    });
    const bombed = await mainThreadTime(page, async () => {
      await page.goto(`${session.site.url}${guide}?bomb#${bomb}`);
      await expect.poll(() => page.locator('.cells-status').textContent(), { timeout: 15_000 }).toMatch(/more than 256 KB/);
    });
    expect(bombed - plain).toBeLessThan(0.3);
    expect(await cell(page, 0).locator('pre[data-cell-source]').textContent()).toBe(original);
    expect(await cell(page, 0).textContent()).not.toContain('xxxxxxxxxx');
  });

  it('renders a value whose parts share references, a 5 MB line and a long table, each in under 300 ms of main-thread time', async () => {
    const { page } = await openCells(session.browser, session.site.url + guide);
    // A first run starts the kernel, so what is measured is the output alone.
    await runAndWait(page, 0);
    const cases = {
      baseline: "console.log('x')",
      shared: 'let next: Record<string, unknown> = {};\nfor (let level = 0; level < 200; level++) { const o: Record<string, unknown> = {}; for (let k = 0; k < 200; k++) o["k" + k] = next; next = o; }\nnext',
      line: "console.log('x'.repeat(5_000_000))",
      table: "import { table as bigTable } from 'cells/display';\nbigTable(Array.from({ length: 5000 }, (_, i) => ({ i, square: i * i, text: 'row ' + i })))",
    };
    // What a run with a one-character output costs is the same in every case; the budget is for the output.
    let baseline = 0;
    for (const [name, code] of Object.entries(cases)) {
      await type(page, 0, code);
      const busy = await mainThreadTime(page, async () => {
        const text = await runCellAndWait(cell(page, 0), ['done', 'error'], 30_000);
        expect(await cell(page, 0).getAttribute('data-cell-state'), `${name}: ${text.slice(0, 300)}`).toBe('done');
        await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      });
      if (name === 'baseline') baseline = busy;
      else expect(busy - baseline, name).toBeLessThan(0.3);
    }
    expect(await output(page, 0).locator('details.cell-more-rows').count()).toBe(1);
  });
});
