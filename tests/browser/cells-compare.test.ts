/**
 * "My run vs the build", as a reader uses it: edit a cell's code, run it,
 * press "Compare with the build", and see the build's output beside the run's,
 * with exactly the table values the edit changed highlighted.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptErrors } from './reader.ts';
import { openPage, runCellAndWait } from './harness.ts';
import { useBuiltSite } from './session.ts';

const shots = resolve(import.meta.dirname, '../../test-output/screenshots');
mkdirSync(shots, { recursive: true });

const guide = 'guides/how-cells-work/';

const session = useBuiltSite();

const cases = [
  { name: 'desktop-light', colorScheme: 'light', viewport: { width: 1280, height: 800 } },
  { name: 'phone-dark', colorScheme: 'dark', viewport: { width: 375, height: 740 } },
] as const;

describe('comparing a run with the build', () => {
  for (const { name, colorScheme, viewport } of cases) {
    it(`${name}: shows the build beside the run and highlights the values an edit changed`, async () => {
      const { page, consoleErrors } = await openPage(session.browser, session.site.url + guide, { colorScheme });
      await page.setViewportSize(viewport);
      await page.getByRole('button', { name: 'Run all', exact: true }).waitFor();
      const curve = page.locator('[data-cell="curve"]');
      const tableCell = page.locator('[data-cell="table-and-plot"]');
      // The build's table, read before anything runs: every tenth point of tanh on [-3, 3].
      const buildRows = await tableCell.locator('[data-cell-output] tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((td) => td.textContent ?? '')));
      expect(buildRows.length).toBeGreaterThan(3);

      // The reader clips the curve at zero: negative values change, the others must not.
      await curve.getByRole('button', { name: 'Edit code', exact: true }).click();
      await curve.locator('.cm-content').waitFor();
      await curve.locator('.cm-content').focus();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.insertText(
        "import * as tf from '@tensorflow/tfjs';\nimport { display, table, plot, progress, Plot } from 'cells/display';\n\nconst xs = tf.linspace(-3, 3, 61);\nconst ys = tf.tanh(xs).maximum(0);\ndisplay(ys.slice([27], [7]));",
      );
      await runCellAndWait(tableCell, ['done'], 60_000);

      const compare = tableCell.getByRole('button', { name: 'Compare with the build', exact: true });
      expect(await compare.getAttribute('aria-pressed')).toBe('false');
      await compare.click();
      expect(await compare.getAttribute('aria-pressed')).toBe('true');

      const build = tableCell.locator('.cell-build-output');
      await build.waitFor();
      // The build's side is the build's own table, untouched by the run.
      expect(await build.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((td) => td.textContent ?? '')))).toEqual(buildRows);

      const mine = tableCell.locator('[data-cell-output] tbody tr');
      const marks = await mine.evaluateAll((rows) => rows.map((row) => [...row.children].map((td) => td.classList.contains('cell-changed'))));
      const expected = buildRows.map(([, y]) => [false, Number(y) < 0]);
      expect(marks).toEqual(expected);
      const changed = expected.flat().filter(Boolean).length;
      expect(changed).toBeGreaterThan(0);
      // A changed value says what the build had there.
      const firstChanged = buildRows.findIndex(([, y]) => Number(y) < 0);
      expect(await mine.nth(firstChanged).locator('td').nth(1).getAttribute('title')).toBe(`The build: ${buildRows[firstChanged]?.[1]}`);
      expect(await tableCell.locator('.cell-compare-caption').first().textContent()).toBe(`Your run · ${changed} of ${buildRows.length * 2} values differ`);

      // Side by side where there is room (a desktop), one above the other on a phone; never wider than the page.
      const [mineBox, buildBox] = await tableCell.locator('.cell-compare-side').evaluateAll((sides) => sides.map((side) => side.getBoundingClientRect().toJSON() as DOMRect));
      if (viewport.width > 1000) expect(buildBox!.left).toBeGreaterThan(mineBox!.left);
      else expect(buildBox!.top).toBeGreaterThanOrEqual(mineBox!.bottom);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await tableCell.scrollIntoViewIfNeeded();
      await tableCell.screenshot({ path: join(shots, `compare-${name}.png`) });

      await compare.click();
      expect(await build.isVisible()).toBe(false);
      expect(scriptErrors(consoleErrors)).toEqual([]);
    });
  }
});
