/**
 * The compact cell header as a reader meets it: icon controls that keep their
 * names and say what they do on hover and keyboard focus, the run state with
 * how long the last run took and when, the editor's key hint, and an error's
 * line marked in the code that failed.
 */
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { openCells, runAndWait, type } from './reader.ts';
import { useBuiltSite } from './session.ts';

const guide = 'guides/how-cells-work/';

const session = useBuiltSite();

const tooltip = (button: Locator) => button.evaluate((element) => getComputedStyle(element, '::after').content);

describe('the cell header', () => {
  it('shows icon controls with tooltips in the page language, and the same accessible names', async () => {
    const { page } = await openCells(session.browser, session.site.url + 'zh-cn/' + guide);
    const hello = page.locator('[data-cell="hello"]');
    const edit = hello.getByRole('button', { name: 'Edit code', exact: true });
    expect(await edit.locator('svg').count()).toBe(1);
    expect(await edit.evaluate((element) => element.textContent)).toBe('');
    expect(await tooltip(edit)).toBe('none');
    await edit.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await tooltip(edit)).toBe('"编辑"');
    await hello.getByRole('button', { name: 'Share', exact: true }).hover();
    expect(await tooltip(hello.getByRole('button', { name: 'Share', exact: true }))).toBe('"分享"');
    const run = hello.getByRole('button', { name: 'Run cell', exact: true });
    expect(await run.getAttribute('aria-keyshortcuts')).toBe('Shift+Enter');
    // The compare toggle waits for a run of the reader's own.
    expect(await hello.getByRole('button', { name: 'Compare with the build' }).count()).toBe(0);
  });

  it('shows the state, how long the run took and when it ended', async () => {
    const { page } = await openCells(session.browser, session.site.url + guide);
    const hello = page.locator('[data-cell="hello"]');
    expect(await hello.locator('.cell-last-run').isVisible()).toBe(false);
    await runAndWait(page, 0);
    const status = (await hello.locator('.cell-status').textContent()) ?? '';
    expect(status).toMatch(/^done · \d+(\.\d)? m?s · \d{2}:\d{2}$/);
    const ended = Date.parse((await hello.locator('.cell-last-run').getAttribute('datetime')) ?? '');
    expect(Math.abs(Date.now() - ended)).toBeLessThan(60_000);
  });

  it('shows the editor keys once the editor is open', async () => {
    const { page } = await openCells(session.browser, session.site.url + guide);
    const hello = page.locator('[data-cell="hello"]');
    expect(await hello.locator('.cell-keys').count()).toBe(0);
    await hello.getByRole('button', { name: 'Edit code', exact: true }).click();
    await hello.locator('.cm-content').waitFor();
    expect(await hello.locator('.cell-keys').textContent()).toBe('Shift+Enter runs · Esc leaves the editor');
    expect(await hello.locator('.cell-keys kbd').allTextContents()).toEqual(['Shift', 'Enter', 'Esc']);
  });
});

describe("an error's line in the code", () => {
  it("is marked in the reader's editor after a failing run, and cleared by the next edit", async () => {
    const { page } = await openCells(session.browser, session.site.url + guide);
    await type(page, 0, "const a = 1;\nconst b = 2;\nthrow new RangeError('third line');");
    await runAndWait(page, 0, 'error');
    const lines = page.locator('[data-cell="hello"] .cm-line');
    await expect.poll(() => lines.nth(2).evaluate((element) => element.classList.contains('cell-error-line'))).toBe(true);
    expect(await page.locator('[data-cell="hello"] .cm-line.cell-error-line').count()).toBe(1);
    await page.keyboard.insertText(' ');
    expect(await page.locator('[data-cell="hello"] .cm-line.cell-error-line').count()).toBe(0);
  });
});
