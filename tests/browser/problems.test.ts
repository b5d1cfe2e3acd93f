/**
 * The algorithm problems as a reader uses them: Run all on a page of every
 * month, in both languages, ends with every check passed and no console
 * error; and the index filters by topic and difficulty and sorts by date from
 * the keyboard alone.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builds, openPage } from './harness.ts';
import { openCells, scriptErrors } from './reader.ts';
import { useBuiltSite } from './session.ts';

const session = useBuiltSite();
const problems = join(builds.root.dir, 'algorithms/problems');

/** The first problem of every month, alternating English and Chinese. */
const sample = readdirSync(problems).flatMap((year) =>
  readdirSync(join(problems, year)).sort().map((month, index) => {
    const slug = readdirSync(join(problems, year, month)).sort()[0];
    return `${index % 2 === 0 ? '' : 'zh-cn/'}algorithms/problems/${year}/${month}/${slug}/`;
  }),
);

describe('problem pages', () => {
  it('sample one page a month', () => expect(sample.length).toBeGreaterThanOrEqual(12));

  for (const path of sample) {
    it(`Run all passes every check on ${path}`, async () => {
      const { page, consoleErrors } = await openCells(session.browser, session.site.url + path);
      await page.getByRole('button', { name: 'Run all', exact: true }).click();
      const cells = page.locator('[data-cell]');
      await expect
        .poll(async () => (await cells.evaluateAll((all) => all.map((cell) => cell.getAttribute('data-cell-state')))).every((state) => state === 'done'), { timeout: 60_000 })
        .toBe(true);
      const tests = page.locator('[data-cell="tests"] [data-cell-output] table');
      const passColumn = await tests.locator('thead th').allInnerTexts();
      const pass = passColumn.indexOf('pass');
      expect(pass).toBeGreaterThanOrEqual(0);
      const verdicts = await tests.locator(`tbody tr td:nth-child(${pass + 1})`).allInnerTexts();
      expect(verdicts.length).toBeGreaterThan(0);
      expect(verdicts.every((verdict) => verdict === 'true')).toBe(true);
      expect(scriptErrors(consoleErrors)).toEqual([]);
      await page.context().close();
    });
  }
});

describe('the problem index', () => {
  it('filters by topic and difficulty and sorts newest first, from the keyboard', async () => {
    const { page } = await openPage(session.browser, session.site.url + 'algorithms/');
    const rows = page.locator('[data-problem-index] tbody tr');
    const visible = () => rows.evaluateAll((all) => all.filter((row) => !(row as HTMLElement).hidden).length);
    const total = await rows.count();
    expect(total).toBeGreaterThan(250);
    const topic = page.locator('[data-problem-index] select[name="topic"]');
    await topic.focus();
    // Keyboard only: step to the next topic in the list.
    await page.keyboard.press('ArrowDown');
    const chosen = await topic.inputValue();
    expect(chosen).not.toBe('');
    const afterTopic = await visible();
    expect(afterTopic).toBeGreaterThan(0);
    expect(afterTopic).toBeLessThan(total);
    const tagsShown = await rows.evaluateAll((all) => all.filter((row) => !(row as HTMLElement).hidden).map((row) => JSON.parse(row.getAttribute('data-tags') ?? '[]') as string[]));
    expect(tagsShown.every((tags) => tags.includes(chosen))).toBe(true);
    expect(await page.locator('[data-problem-index] .count').textContent()).toContain(String(afterTopic));

    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    const difficulty = await page.locator('[data-problem-index] select[name="difficulty"]').inputValue();
    const difficulties = await rows.evaluateAll((all) => all.filter((row) => !(row as HTMLElement).hidden).map((row) => row.getAttribute('data-difficulty')));
    expect(difficulties.every((value) => value === difficulty)).toBe(true);

    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const dates = await rows.evaluateAll((all) => all.filter((row) => !(row as HTMLElement).hidden).map((row) => row.getAttribute('data-date') ?? ''));
    expect(dates).toEqual([...dates].sort().reverse());
  });
});
