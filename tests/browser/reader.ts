/**
 * What a reader does to cells on the built site, as helpers the browser tests
 * share: open a page and wait for its controls, find a cell, type into its
 * editor as a reader would, run it and wait for this run's end.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { openPage, runCellAndWait, type OpenedPage } from './harness.ts';

/**
 * Scrolls to the page's first cell, as a reader reaching the cells does, and
 * waits for the controls: the controller loads only when a cell nears the
 * viewport (src/cells/browser/loader.ts), and has hydrated once the page
 * toolbar exists.
 */
export async function reachCells(page: Page): Promise<void> {
  await page.locator('[data-cell]').first().scrollIntoViewIfNeeded();
  await page.getByRole('button', { name: 'Run all', exact: true }).waitFor();
}

export async function openCells(browser: Browser, url: string): Promise<OpenedPage> {
  const opened = await openPage(browser, url);
  await reachCells(opened.page);
  return opened;
}

/** Console errors from scripts; failed asset loads are the site test's concern (it checks every response). */
export function scriptErrors(consoleErrors: string[]): string[] {
  return consoleErrors.filter((message) => !message.startsWith('Failed to load resource'));
}

export function cell(page: Page, index: number): Locator {
  return page.locator('[data-cell]').nth(index);
}

export function output(page: Page, index: number): Locator {
  return cell(page, index).locator('[data-cell-output]');
}

export async function state(page: Page, index: number): Promise<string | null> {
  return cell(page, index).getAttribute('data-cell-state');
}

export async function waitForState(page: Page, index: number, wanted: string, timeout = 30_000): Promise<void> {
  await cell(page, index).and(page.locator(`[data-cell-state="${wanted}"]`)).waitFor({ timeout });
}

/** Replaces a cell's code through its editor, keystrokes and all. */
export async function type(page: Page, index: number, code: string): Promise<void> {
  await cell(page, index).getByRole('button', { name: 'Edit code', exact: true }).click();
  const editor = cell(page, index).locator('.cm-content');
  await editor.waitFor();
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(code);
}

export async function run(page: Page, index: number): Promise<void> {
  await cell(page, index).getByRole('button', { name: 'Run cell', exact: true }).click();
}

/** Runs a cell and waits for this run to end in `wanted` (30 s at most). */
export async function runAndWait(page: Page, index: number, wanted = 'done'): Promise<string> {
  return runCellAndWait(cell(page, index), [wanted], 30_000);
}

