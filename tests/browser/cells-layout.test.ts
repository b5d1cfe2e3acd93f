/**
 * The cells' layout on a real note, in both themes and both languages, on a
 * desktop and a 375 px phone: the sticky page toolbar never covers a cell's
 * header, whether the browser brings the header up (scrollIntoView, as a link
 * or "find" does) or the keyboard focuses a control hidden under the toolbar,
 * and nothing makes the page scroll sideways. Screenshots of each case go to
 * test-output/screenshots/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage } from './harness.ts';
import { reachCells } from './reader.ts';
import { useBuiltSite } from './session.ts';

const shots = resolve(import.meta.dirname, '../../test-output/screenshots');
mkdirSync(shots, { recursive: true });

const session = useBuiltSite();

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

const overlaps = (a: Box, b: Box) => a.top < b.bottom && b.top < a.bottom && a.left < b.right && b.left < a.right;

/** The boxes of everything fixed or sticky at the top of the page: Starlight's header, its mobile contents bar, the cells toolbar. */
async function topBars(page: Page): Promise<Array<Box & { name: string }>> {
  return page.evaluate(() =>
    ['header.header', 'mobile-starlight-toc nav', '.cells-toolbar']
      .flatMap((selector) => [...document.querySelectorAll(selector)].map((element) => ({ selector, element })))
      .filter(({ element }) => element.getClientRects().length > 0)
      .map(({ selector, element }) => {
        const { top, bottom, left, right } = element.getBoundingClientRect();
        return { name: selector, top, bottom, left, right };
      }),
  );
}

async function headerBox(page: Page, index: number): Promise<Box> {
  return page.locator('.cell-controls').nth(index).evaluate((element) => {
    const { top, bottom, left, right } = element.getBoundingClientRect();
    return { top, bottom, left, right };
  });
}

async function coveredBy(page: Page, index: number): Promise<string[]> {
  const header = await headerBox(page, index);
  return (await topBars(page)).filter((bar) => overlaps(bar, header)).map((bar) => `${bar.name} covers cell ${index}'s header (${bar.bottom} > ${header.top})`);
}

const pages = ['papers/cosent/', 'zh-cn/papers/cosent/'];
const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 740 } };

describe('cells on a note, laid out', () => {
  for (const path of pages) {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [device, viewport] of Object.entries(viewports)) {
        const name = `${path.replace(/\/$/, '').replaceAll('/', '-')}-${colorScheme}-${device}`;

        it(`${name}: the toolbar covers no cell header, and the page does not scroll sideways`, async () => {
          const { page } = await openPage(session.browser, session.site.url + path, { colorScheme });
          await page.setViewportSize(viewport);
          // The controls are drawn once a cell nears the viewport (loader.ts).
          await reachCells(page);
          const count = await page.locator('[data-cell]').count();
          expect(count).toBeGreaterThan(1);
          const problems: string[] = [];

          for (let index = 0; index < count; index++) {
            // As a link to the cell, or the browser's find, brings it up.
            await page.locator('.cell-controls').nth(index).evaluate((element) => element.scrollIntoView({ block: 'start' }));
            problems.push(...(await coveredBy(page, index)));
            // The reader scrolls until the header sits under the toolbar, then tabs to its Run button.
            await page.locator('.cell-controls').nth(index).evaluate((element) => window.scrollBy(0, element.getBoundingClientRect().top - 70));
            await page.locator('[data-cell]').nth(index).getByRole('button', { name: 'Run cell', exact: true }).focus();
            problems.push(...(await coveredBy(page, index)).map((problem) => `after focus: ${problem}`));
          }
          // Stuck at the top, the toolbar sits below Starlight's bars, not under them.
          const bars = await topBars(page);
          const toolbar = bars.find((bar) => bar.name === '.cells-toolbar');
          for (const bar of bars) if (toolbar && bar !== toolbar && overlaps(bar, toolbar)) problems.push(`${bar.name} covers the toolbar`);
          expect(problems).toEqual([]);

          const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(await overflow(), 'horizontal overflow in px').toBeLessThanOrEqual(0);
          // A tooltip shown near the edge must not widen the page either.
          await page.locator('.cell-controls').first().evaluate((element) => element.scrollIntoView({ block: 'start' }));
          for (const button of await page.locator('[data-cell]').first().locator('.cell-button[data-tip]:visible').all()) {
            await button.hover();
            expect(await overflow(), `horizontal overflow with the tooltip of ${await button.getAttribute('aria-label')}`).toBeLessThanOrEqual(0);
          }

          await page.locator('.cell-controls').nth(1).evaluate((element) => element.scrollIntoView({ block: 'start' }));
          await page.screenshot({ path: join(shots, `${name}.png`) });
        });
      }
    }
  }
});
