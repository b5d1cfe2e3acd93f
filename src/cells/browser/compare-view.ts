/**
 * "My run vs the build": the build's output of a cell (our own static HTML,
 * taken out of the output region before the first live draw replaced it)
 * shown beside the reader's, with the values of the reader's tables that
 * differ from the build's marked.
 *
 * The two sides never mix: the build's nodes only ever move into their own
 * box, and the reader's side is the output region as output-view.ts drew it
 * from validated, sanitised outputs. Marking a difference sets a class and a
 * title (an attribute, so text, never markup) on the reader's own cells.
 */
import type { CellLang } from '../core/markup.ts';
import { strings } from './strings.ts';
import { diffTables, type ShownTable } from './table-diff.ts';

/** A rendered table output as it is shown; its folded rows (render.ts) are a second table in the same box. */
function shownTable(box: Element): { table: ShownTable; cells: HTMLTableCellElement[][] } {
  const columns = [...box.querySelectorAll(':scope > table > thead th')].map((th) => th.textContent ?? '');
  const cells = [...box.querySelectorAll('table > tbody > tr')].map((tr) => [...tr.children] as HTMLTableCellElement[]);
  return { table: { columns, rows: cells.map((row) => row.map((td) => td.textContent ?? '')) }, cells };
}

const tablesIn = (root: Element) => [...root.querySelectorAll(':scope > .cell-table')];

export class CompareView {
  private readonly region: HTMLElement;
  private readonly built: Node[];
  private readonly lang: CellLang;
  private box: HTMLElement | undefined;
  private caption: HTMLElement | undefined;
  private buildSide: HTMLElement | undefined;

  constructor(region: HTMLElement, built: Node[], lang: CellLang) {
    this.region = region;
    this.built = built;
    this.lang = lang;
  }

  get open(): boolean {
    return this.box?.hasAttribute('data-compare') ?? false;
  }

  /** Shows or hides the build's side; the first time, builds the two-sided box around the output region. */
  toggle(on: boolean): void {
    if (on && !this.box) this.build();
    if (!this.box || !this.caption || !this.buildSide) return;
    this.box.toggleAttribute('data-compare', on);
    this.caption.hidden = !on;
    this.buildSide.hidden = !on;
    this.mark();
  }

  private build(): void {
    const document = this.region.ownerDocument;
    const text = strings[this.lang];
    const side = (caption: HTMLElement, content: HTMLElement) => {
      const element = document.createElement('div');
      element.className = 'cell-compare-side';
      element.append(caption, content);
      return element;
    };
    const captionOf = (label: string) => {
      const element = document.createElement('p');
      element.className = 'cell-compare-caption';
      element.textContent = label;
      return element;
    };
    this.box = document.createElement('div');
    this.box.className = 'cell-versus';
    this.region.before(this.box);
    this.caption = captionOf(text.yourRun);
    const mine = side(this.caption, this.region);
    const buildOutput = document.createElement('div');
    buildOutput.className = 'cell-build-output';
    if (this.built.length > 0) buildOutput.append(...this.built);
    else buildOutput.append(captionOf(text.noBuildOutput));
    this.buildSide = side(captionOf(text.buildRun), buildOutput);
    this.buildSide.classList.add('cell-compare-build');
    this.box.append(mine, this.buildSide);
  }

  /** Marks the reader's table values that differ from the build's: the i-th table against the i-th. Runs after every live draw. */
  mark(): void {
    if (!this.box || !this.caption || !this.buildSide) return;
    const text = strings[this.lang];
    const build = tablesIn(this.buildSide.querySelector('.cell-build-output') ?? this.buildSide).map((box) => shownTable(box).table);
    let changed = 0;
    let total = 0;
    tablesIn(this.region).forEach((box, index) => {
      const mine = shownTable(box);
      for (const row of mine.cells) for (const cell of row) this.unmark(cell);
      const theirs = build[index];
      if (!theirs || !this.open) return;
      const diff = diffTables(theirs, mine.table);
      changed += diff.changed.length;
      total += diff.total;
      for (const value of diff.changed) {
        const cell = mine.cells[value.row]?.[value.column];
        if (!cell) continue;
        cell.classList.add('cell-changed');
        cell.title = value.build === undefined ? text.buildValue('—') : text.buildValue(value.build);
      }
    });
    const summary = total === 0 ? '' : changed === 0 ? ` · ${text.tableSame}` : ` · ${text.tableDiffers(changed, total)}`;
    this.caption.textContent = `${text.yourRun}${summary}`;
  }

  private unmark(cell: HTMLTableCellElement): void {
    cell.classList.remove('cell-changed');
    cell.removeAttribute('title');
  }
}
