/**
 * A SQL note runs its queries in the reader's browser: sql.js and its WASM
 * binary come from the site itself, and every cell ends without error.
 */
import { describe, expect, it } from 'vitest';
import { openCells, scriptErrors } from './reader.ts';
import { useBuiltSite } from './session.ts';

const session = useBuiltSite();

describe('SQL notes', () => {
  for (const path of ['notes/2022/08/sql-strings/', 'zh-cn/notes/2023/01/entropy-information-gain-sql/']) {
    it(`runs every cell of ${path} from the site's own origin`, async () => {
      const { page, consoleErrors, offOriginRequests, failedResponses } = await openCells(session.browser, session.site.url + path);
      await page.getByRole('button', { name: 'Run all', exact: true }).click();
      const cells = page.locator('[data-cell]');
      await expect
        .poll(async () => (await cells.evaluateAll((all) => all.map((cell) => cell.getAttribute('data-cell-state')))).every((state) => state === 'done'), { timeout: 60_000 })
        .toBe(true);
      expect(await page.locator('[data-cell] [data-cell-output] table').count()).toBeGreaterThan(0);
      expect(offOriginRequests).toEqual([]);
      expect(failedResponses).toEqual([]);
      expect(scriptErrors(consoleErrors)).toEqual([]);
    });
  }
});
