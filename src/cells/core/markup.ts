/**
 * The HTML contract between the build (src/cells/build emits it) and the
 * browser (src/cells/browser hydrates it). Both sides import these constants so
 * that a renamed attribute breaks the type check, not the page.
 *
 * One page looks like this (attributes in brackets are present only when set):
 *
 *   <div data-cell-page="content/papers/cosent.mdx" data-cell-seed="…">   the page container
 *     …prose…
 *     <div class="cell" data-cell="load-data" data-cell-line="42" data-cell-state="done"
 *          [data-cell-hidden] [data-cell-skip="reason"] [data-cell-error="substring"]>
 *       <pre hidden data-cell-source data-pagefind-ignore>{"code":"…"}</pre>
 *       <details data-cell-code [open]>
 *         <summary>Code</summary>
 *         …the `ts` code block, highlighted by Expressive Code at build time…
 *       </details>
 *       <div data-cell-output>…static outputs rendered by core/render.ts…</div>
 *     </div>
 *   </div>
 *
 * The browser half creates the control buttons (they do nothing without
 * JavaScript, so the static page does not show them) with `aria-label` set to
 * the English names in `controlNames`; Chinese pages show `controlLabels['zh-cn']`
 * as visible text, so tests and assistive technology can rely on one stable name.
 */

/** On the page container; its value is the source file, e.g. "content/guides/how-cells-work.mdx". */
export const PAGE_ATTR = 'data-cell-page';
/** On the page container: the seed the kernel uses for Math.random and tfjs, so live runs match the build. */
export const PAGE_SEED_ATTR = 'data-cell-seed';

/** On each cell's wrapper; its value is the cell id (every cell has an explicit `id=`). */
export const CELL_ATTR = 'data-cell';
export const CELL_CLASS = 'cell';
/** 1-based line of the opening fence in the source file. */
export const CELL_LINE_ATTR = 'data-cell-line';
/** Present when the code is folded by default. */
export const CELL_HIDDEN_ATTR = 'data-cell-hidden';
/** The reason a cell was not executed at build time, shown to readers. */
export const CELL_SKIP_ATTR = 'data-cell-skip';
/** The substring of the error the cell is expected to throw. */
export const CELL_ERROR_ATTR = 'data-cell-error';

/** The cell's state; the build writes the first value, the browser updates it. */
export const CELL_STATE_ATTR = 'data-cell-state';
export const cellStates = ['idle', 'running', 'done', 'stale', 'error', 'skipped'] as const;
export type CellState = (typeof cellStates)[number];

/**
 * A hidden `<pre data-cell-source>` whose text is `CellSourceJson`. Not a
 * `<script type="application/json">`: Astro's MDX renderer turns a script's
 * text into a literal `set:html` attribute and the element arrives empty.
 */
export const CELL_SOURCE_ATTR = 'data-cell-source';
export interface CellSourceJson {
  code: string;
}
/** The `<details>` element around the highlighted code. */
export const CELL_CODE_ATTR = 'data-cell-code';
/** The element holding the outputs. */
export const CELL_OUTPUT_ATTR = 'data-cell-output';

export const cellSelector = `[${CELL_ATTR}]`;
export const pageSelector = `[${PAGE_ATTR}]`;
export const sourceSelector = `[${CELL_SOURCE_ATTR}]`;
export const codeSelector = `[${CELL_CODE_ATTR}]`;
export const outputSelector = `[${CELL_OUTPUT_ATTR}]`;

export type Control = 'run' | 'stop' | 'runAll' | 'reset' | 'edit' | 'copy' | 'share';

/** Accessible names, identical in every language. */
export const controlNames: Record<Control, string> = {
  run: 'Run cell',
  stop: 'Stop',
  runAll: 'Run all',
  reset: 'Reset cell',
  edit: 'Edit code',
  copy: 'Copy code',
  share: 'Share',
};

export type CellLang = 'en' | 'zh-cn';

/** Visible text of the controls and of the code fold, per page language. */
export const controlLabels: Record<CellLang, Record<Control, string>> = {
  en: controlNames,
  'zh-cn': {
    run: '运行',
    stop: '停止',
    runAll: '全部运行',
    reset: '还原',
    edit: '编辑',
    copy: '复制',
    share: '分享',
  },
};

export const codeSummary: Record<CellLang, string> = { en: 'Code', 'zh-cn': '代码' };

/** Text shown on a cell that was not run at build time, before the reason. */
export const skippedNotice: Record<CellLang, string> = {
  en: 'Not run when the site was built:',
  'zh-cn': '构建网站时未运行：',
};

