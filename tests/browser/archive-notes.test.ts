/**
 * Archived notes with cells run in the reader's browser as they ran at build:
 * Run all on a sample of them, in both languages, ends with every cell done
 * and no console error.
 */
import { describe, expect, it } from 'vitest';
import { openCells, scriptErrors } from './reader.ts';
import { useBuiltSite } from './session.ts';

const session = useBuiltSite();

const sample = [
  'notes/2022/05/rnn/',
  'zh-cn/notes/2022/10/language-models/',
  'notes/2022/12/ner/',
  'zh-cn/notes/2022/12/query-correction/',
  'notes/2022/05/mutual-information/',
  'zh-cn/notes/2022/12/synonym-mining/',
];

describe('archived notes with cells', () => {
  for (const path of sample) {
    it(`Run all ends with every cell done on ${path}`, { timeout: 180_000 }, async () => {
      const { page, consoleErrors, offOriginRequests } = await openCells(session.browser, session.site.url + path);
      await page.getByRole('button', { name: 'Run all', exact: true }).click();
      const cells = page.locator('[data-cell]');
      await expect
        .poll(async () => await cells.evaluateAll((all) => all.map((cell) => cell.getAttribute('data-cell-state'))), { timeout: 150_000, interval: 500 })
        .toEqual(Array.from({ length: await cells.count() }, () => 'done'));
      expect(offOriginRequests).toEqual([]);
      expect(scriptErrors(consoleErrors)).toEqual([]);
      await page.context().close();
    });
  }
});
