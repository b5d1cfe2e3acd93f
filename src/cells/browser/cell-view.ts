/**
 * One cell on the live page: its header (controls, state and last run, key
 * hint), its code (static highlight, plain text once edited, or the editor,
 * with an error's line marked in each) and its output region, with the
 * build's output one toggle away. It knows nothing of the kernel; the
 * controller wires its events.
 */
import {
  CELL_ATTR,
  CELL_ERROR_ATTR,
  CELL_SKIP_ATTR,
  CELL_STATE_ATTR,
  codeSelector,
  controlNames,
  outputSelector,
  sourceSelector,
  type CellLang,
  type CellSourceJson,
  type CellState,
} from '../core/markup.ts';
import { CompareView } from './compare-view.ts';
import { controlButton, type CellControl, type ControlOptions } from './control-button.ts';
import type { CellEditor } from './editor.ts';
import { OutputView } from './output-view.ts';
import { strings } from './strings.ts';

export interface CellEvents {
  run(cell: CellView): void;
  edited(cell: CellView): void;
  share(cell: CellView): void;
  copy(cell: CellView): void;
}

export class CellView {
  readonly id: string;
  readonly root: HTMLElement;
  readonly original: string;
  readonly expectError: string | undefined;
  readonly skipped: boolean;
  readonly outputs: OutputView;
  code: string;
  private readonly lang: CellLang;
  private readonly events: CellEvents;
  private readonly details: HTMLDetailsElement | null;
  private readonly badge: HTMLElement;
  private readonly lastRun: HTMLTimeElement;
  private readonly editedMark: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly buttons: Record<'run' | 'reset' | 'edit' | 'copy' | 'share' | 'compare', HTMLButtonElement>;
  private readonly compare: CompareView;
  /** When the current run started (performance.now()); undefined between runs. */
  private runStarted: number | undefined;
  readonly sharePanel: HTMLElement;
  private plain: HTMLElement | undefined;
  private editor: CellEditor | undefined;

  constructor(root: HTMLElement, lang: CellLang, events: CellEvents) {
    this.root = root;
    this.lang = lang;
    this.events = events;
    this.id = root.getAttribute(CELL_ATTR) ?? '';
    const source = root.querySelector(sourceSelector)?.textContent;
    if (!source) throw new Error(`cell "${this.id}" carries no source`);
    this.original = (JSON.parse(source) as CellSourceJson).code;
    this.code = this.original;
    this.expectError = root.getAttribute(CELL_ERROR_ATTR) ?? undefined;
    this.skipped = root.hasAttribute(CELL_SKIP_ATTR);
    this.details = root.querySelector<HTMLDetailsElement>(codeSelector);

    let region = root.querySelector<HTMLElement>(outputSelector);
    if (!region) {
      region = root.ownerDocument.createElement('div');
      region.setAttribute(outputSelector.slice(1, -1), '');
      root.appendChild(region);
    }
    region.setAttribute('aria-live', 'polite');
    // The build's output, before any live draw replaces it: what "Compare with the build" shows.
    this.compare = new CompareView(region, [...region.childNodes], lang);
    this.outputs = new OutputView(region, lang, () => this.drawn());

    const document = root.ownerDocument;
    const bar = document.createElement('div');
    bar.className = 'cell-controls';
    this.bar = bar;
    const compact = { compact: true };
    this.buttons = {
      run: this.button('run', () => events.run(this), { shortcut: 'Shift+Enter' }),
      edit: this.button('edit', () => void this.edit(), compact),
      reset: this.button('reset', () => this.reset(), compact),
      copy: this.button('copy', () => events.copy(this), compact),
      share: this.button('share', () => events.share(this), compact),
      compare: this.button('compare', () => this.toggleCompare(), compact),
    };
    // Offered once the reader has a run of their own to compare.
    this.buttons.compare.hidden = true;
    this.buttons.compare.setAttribute('aria-pressed', 'false');
    this.editedMark = document.createElement('span');
    this.editedMark.className = 'cell-edited';
    this.editedMark.textContent = strings[lang].edited;
    const status = document.createElement('span');
    status.className = 'cell-status';
    this.badge = document.createElement('span');
    this.badge.className = 'cell-state';
    this.lastRun = document.createElement('time');
    this.lastRun.className = 'cell-last-run';
    this.lastRun.hidden = true;
    status.append(this.badge, this.lastRun);
    bar.append(...Object.values(this.buttons), this.editedMark, status);
    this.sharePanel = document.createElement('div');
    this.sharePanel.className = 'cell-share';
    this.sharePanel.hidden = true;
    root.insertBefore(bar, this.details ?? region);
    root.insertBefore(this.sharePanel, region);

    // Shift+Enter anywhere in the cell runs it (the editor binds it too, first).
    root.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && event.shiftKey && !event.defaultPrevented) {
        event.preventDefault();
        events.run(this);
      }
    });
    this.setState('idle');
    this.showEdited();
    this.markErrorLine();
  }

  private button(control: CellControl, onClick: () => void, options?: ControlOptions): HTMLButtonElement {
    return controlButton(this.root.ownerDocument, control, this.lang, `cell-${control}`, onClick, options);
  }

  private toggleCompare(): void {
    const on = !this.compare.open;
    this.compare.toggle(on);
    this.buttons.compare.setAttribute('aria-pressed', String(on));
  }

  /** After every live draw: the error's line and the differences from the build follow the outputs. */
  private drawn(): void {
    this.markErrorLine();
    this.compare.mark();
  }

  get edited(): boolean {
    return this.code !== this.original;
  }

  setState(next: CellState): void {
    // A cell the build skipped stays marked so while the live kernel has not run it.
    const state = next === 'idle' && this.skipped ? 'skipped' : next;
    const previous = this.root.getAttribute(CELL_STATE_ATTR);
    this.root.setAttribute(CELL_STATE_ATTR, state);
    this.badge.textContent = strings[this.lang].state[state];
    this.outputs.region.setAttribute('aria-busy', String(state === 'running'));
    if (state !== 'running') this.outputs.flush();
    if (state === 'running' && previous !== 'running') {
      this.runStarted = performance.now();
      this.markErrorLine();
    } else if (state === 'done' || state === 'error') {
      this.showLastRun();
    } else if (state === 'idle' || state === 'skipped') {
      // Stopped, or the kernel was lost: no run of this page's kernel stands behind the outputs now.
      this.runStarted = undefined;
      this.lastRun.hidden = true;
    }
  }

  /** "done · 1.2 s · 10:42": how long the run took and when it ended. */
  private showLastRun(): void {
    if (this.runStarted === undefined) return;
    const text = strings[this.lang];
    const ended = new Date();
    this.lastRun.dateTime = ended.toISOString();
    const clock = new Intl.DateTimeFormat(this.lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ended);
    this.lastRun.textContent = ` · ${text.duration(performance.now() - this.runStarted)} · ${clock}`;
    this.lastRun.hidden = false;
    this.runStarted = undefined;
    this.buttons.compare.hidden = false;
  }

  /**
   * Marks, in whichever view of the code is showing, the line the cell's
   * error points at. The error pre carries it as data (render.ts); the
   * number is checked here, since a live one came from the worker.
   */
  private markErrorLine(): void {
    const raw = this.outputs.region.querySelector('.cell-error[data-line]')?.getAttribute('data-line');
    const number = raw ? Number(raw) : NaN;
    const line = Number.isInteger(number) && number >= 1 ? number : undefined;
    this.editor?.markLine(line);
    const lines = this.details?.querySelectorAll<HTMLElement>('.ec-line, .cell-plain > .cell-line') ?? [];
    const text = strings[this.lang];
    lines.forEach((element, index) => {
      const marked = index + 1 === line;
      element.classList.toggle('cell-error-line', marked);
      if (marked) element.title = text.errorLine(index + 1);
      else element.removeAttribute('title');
    });
  }

  get state(): CellState {
    return this.root.getAttribute(CELL_STATE_ATTR) as CellState;
  }

  /** Shows `code` as the cell's code (a stored edit, a shared link, a reset). */
  setCode(code: string): void {
    this.code = code;
    if (this.editor) {
      if (this.editor.getCode() !== code) this.editor.setCode(code);
    } else {
      this.showStatic();
    }
    this.showEdited();
  }

  private showEdited(): void {
    this.editedMark.hidden = !this.edited;
    this.buttons.reset.disabled = !this.edited;
  }

  /** The build's highlighted block shows the original; edited code shows as plain text until the editor loads. */
  private showStatic(): void {
    const highlighted = this.details?.querySelector<HTMLElement>(':scope > :not(summary):not(.cell-plain):not(.cell-editor)');
    if (highlighted) highlighted.hidden = this.edited;
    if (this.edited) {
      if (!this.plain) {
        this.plain = this.root.ownerDocument.createElement('pre');
        this.plain.className = 'cell-plain';
        this.details?.appendChild(this.plain);
      }
      // One span per line, so an error's line can be marked here as in the highlighted block.
      this.plain.replaceChildren(
        ...this.code.split('\n').map((line, index, all) => {
          const span = this.root.ownerDocument.createElement('span');
          span.className = 'cell-line';
          span.textContent = index < all.length - 1 ? `${line}\n` : line;
          return span;
        }),
      );
      this.plain.hidden = false;
    } else if (this.plain) {
      this.plain.hidden = true;
    }
  }

  /** Shown once the editor is open, where its keys matter: Shift+Enter runs, Esc leaves. */
  private keyHint(): HTMLElement {
    const document = this.root.ownerDocument;
    const { keys } = strings[this.lang];
    const hint = document.createElement('span');
    hint.className = 'cell-keys';
    const kbd = (key: string) => {
      const element = document.createElement('kbd');
      element.textContent = key;
      return element;
    };
    hint.append(kbd('Shift'), '+', kbd('Enter'), ` ${keys.run} · `, kbd('Esc'), ` ${keys.leave}`);
    return hint;
  }

  reset(): void {
    this.setCode(this.original);
    this.events.edited(this);
    this.root.querySelector('.cell-original-changed')?.remove();
  }

  /** A notice that the author changed the cell since the reader's kept edit, with the new original one click away. */
  showOriginalChanged(): void {
    const text = strings[this.lang];
    const document = this.root.ownerDocument;
    const notice = document.createElement('details');
    notice.className = 'cell-original-changed';
    const summary = document.createElement('summary');
    summary.textContent = `${text.originalChanged} ${text.showOriginal}`;
    const original = document.createElement('pre');
    original.textContent = this.original;
    notice.append(summary, original);
    this.sharePanel.before(notice);
  }

  async edit(): Promise<void> {
    if (this.details) this.details.open = true;
    if (this.editor) {
      this.editor.focus();
      return;
    }
    const { createEditor } = await import('./editor.ts');
    const host = this.root.ownerDocument.createElement('div');
    host.className = 'cell-editor';
    for (const child of this.details?.children ?? []) if (child.tagName !== 'SUMMARY') (child as HTMLElement).hidden = true;
    (this.details ?? this.root).appendChild(host);
    this.editor = createEditor({
      parent: host,
      code: this.code,
      label: `${controlNames.edit}: ${this.id}`,
      onChange: (code) => {
        this.code = code;
        this.showEdited();
        this.events.edited(this);
      },
      onRun: () => this.events.run(this),
      onLeave: () => this.buttons.run.focus(),
    });
    this.bar.append(this.keyHint());
    this.markErrorLine();
    this.editor.focus();
  }
}
