/**
 * One cell on the live page: its header (controls, state and last run, key
 * hint), its code (static highlight, plain text once edited, or the editor,
 * with an error's line marked in each) and its output region, with the
 * build's output one toggle away. It draws a cell's model (page-state.ts)
 * and reports what the reader does; it knows nothing of the kernel, and the
 * controller turns its events into actions.
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
} from '../core/markup.ts';
import { CompareView } from './compare-view.ts';
import { controlButton, type CellControl, type ControlOptions } from './control-button.ts';
import type { CellEditor } from './editor.ts';
import { OutputView } from './output-view.ts';
import { isEdited, type CellMarkup, type CellModel } from './page-state.ts';
import { strings } from './strings.ts';

export interface CellEvents {
  run(id: string): void;
  /** The reader typed in the editor. */
  code(id: string, code: string): void;
  reset(id: string): void;
  share(id: string): void;
  copy(id: string): void;
}

/** What the build wrote into a cell's markup: its id, original code and options. */
export function readCellMarkup(root: HTMLElement): CellMarkup {
  const id = root.getAttribute(CELL_ATTR) ?? '';
  const source = root.querySelector(sourceSelector)?.textContent;
  if (!source) throw new Error(`cell "${id}" carries no source`);
  return {
    id,
    original: (JSON.parse(source) as CellSourceJson).code,
    expectError: root.getAttribute(CELL_ERROR_ATTR) ?? undefined,
    skipped: root.hasAttribute(CELL_SKIP_ATTR),
  };
}

export class CellView {
  readonly id: string;
  readonly root: HTMLElement;
  private readonly outputs: OutputView;
  private readonly lang: CellLang;
  private readonly details: HTMLDetailsElement | null;
  private readonly badge: HTMLElement;
  private readonly lastRun: HTMLTimeElement;
  private readonly editedMark: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly buttons: Record<'run' | 'reset' | 'edit' | 'copy' | 'share' | 'compare', HTMLButtonElement>;
  private readonly compare: CompareView;
  private readonly sharePanel: HTMLElement;
  private plain: HTMLElement | undefined;
  private editor: CellEditor | undefined;
  private originalNotice: HTMLElement | undefined;
  /** The model this view last drew; each render changes only what differs from it. */
  private drawn: CellModel;

  constructor(root: HTMLElement, model: CellModel, lang: CellLang, events: CellEvents) {
    this.root = root;
    this.lang = lang;
    this.id = model.id;
    this.drawn = model;
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
    this.outputs = new OutputView(region, lang, () => this.afterDraw());

    const document = root.ownerDocument;
    const bar = document.createElement('div');
    bar.className = 'cell-controls';
    this.bar = bar;
    const compact = { compact: true };
    this.buttons = {
      run: this.button('run', () => events.run(this.id), { shortcut: 'Shift+Enter' }),
      edit: this.button('edit', () => void this.edit(events), compact),
      reset: this.button('reset', () => events.reset(this.id), compact),
      copy: this.button('copy', () => events.copy(this.id), compact),
      share: this.button('share', () => events.share(this.id), compact),
      compare: this.button('compare', () => this.toggleCompare(), compact),
    };
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
        events.run(this.id);
      }
    });
    this.drawState(model);
    this.drawLastRun(model);
    this.buttons.compare.hidden = !model.comparable;
    this.drawCode(model);
    this.markErrorLine();
  }

  /** Draws `model`, touching only what changed since the last draw. */
  render(model: CellModel): void {
    const before = this.drawn;
    if (model === before) return;
    this.drawn = model;
    if (model.runs !== before.runs) {
      // A new run starts from an empty output region.
      this.outputs.clear();
      this.markErrorLine();
    }
    if (model.outputs && model.outputs !== before.outputs) this.outputs.show([...model.outputs]);
    const refusedBefore = model.runs === before.runs ? before.refused.length : 0;
    for (const reason of model.refused.slice(refusedBefore)) this.outputs.invalid(reason);
    if (model.state !== before.state) this.drawState(model);
    // The final outputs of a run must not wait for a frame.
    if (model.state !== 'running') this.outputs.flush();
    if (model.lastRun !== before.lastRun) this.drawLastRun(model);
    if (model.comparable !== before.comparable) this.buttons.compare.hidden = !model.comparable;
    if (model.code !== before.code || model.originalChanged !== before.originalChanged) this.drawCode(model);
  }

  private button(control: CellControl, onClick: () => void, options?: ControlOptions): HTMLButtonElement {
    return controlButton(this.root.ownerDocument, control, this.lang, `cell-${control}`, onClick, options);
  }

  /** Opens the share panel with `url` selected; the returned function says what became of the copy. */
  showShareLink(url: string): (message: string) => void {
    const document = this.root.ownerDocument;
    const field = document.createElement('input');
    field.type = 'text';
    field.readOnly = true;
    field.value = url;
    field.setAttribute('aria-label', strings[this.lang].shareLink);
    const message = document.createElement('span');
    this.sharePanel.replaceChildren(field, message);
    this.sharePanel.hidden = false;
    field.select();
    return (said) => {
      message.textContent = said;
    };
  }

  private toggleCompare(): void {
    const on = !this.compare.open;
    this.compare.toggle(on);
    this.buttons.compare.setAttribute('aria-pressed', String(on));
  }

  /** After every live draw: the error's line and the differences from the build follow the outputs. */
  private afterDraw(): void {
    this.markErrorLine();
    this.compare.mark();
  }

  private drawState(model: CellModel): void {
    this.root.setAttribute(CELL_STATE_ATTR, model.state);
    this.badge.textContent = strings[this.lang].state[model.state];
    this.outputs.region.setAttribute('aria-busy', String(model.state === 'running'));
  }

  /** "done · 1.2 s · 10:42": how long the last run took and when it ended. */
  private drawLastRun(model: CellModel): void {
    const run = model.lastRun;
    this.lastRun.hidden = run === undefined;
    if (!run) return;
    const text = strings[this.lang];
    // endedAt is a performance.now() reading, like the run's start: the wall clock is taken from it.
    const ended = new Date(performance.timeOrigin + run.endedAt);
    this.lastRun.dateTime = ended.toISOString();
    const clock = new Intl.DateTimeFormat(this.lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ended);
    this.lastRun.textContent = ` · ${text.duration(run.ms)} · ${clock}`;
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

  /** Shows the model's code: the original, a kept edit, a shared link's code; and whether it is edited. */
  private drawCode(model: CellModel): void {
    const edited = isEdited(model);
    if (this.editor) {
      if (this.editor.getCode() !== model.code) this.editor.setCode(model.code);
    } else {
      this.drawStatic(model.code, edited);
    }
    this.editedMark.hidden = !edited;
    this.buttons.reset.disabled = !edited;
    this.drawOriginalChanged(model);
  }

  /** The build's highlighted block shows the original; edited code shows as plain text until the editor loads. */
  private drawStatic(code: string, edited: boolean): void {
    const highlighted = this.details?.querySelector<HTMLElement>(':scope > :not(summary):not(.cell-plain):not(.cell-editor)');
    if (highlighted) highlighted.hidden = edited;
    if (edited) {
      if (!this.plain) {
        this.plain = this.root.ownerDocument.createElement('pre');
        this.plain.className = 'cell-plain';
        this.details?.appendChild(this.plain);
      }
      // One span per line, so an error's line can be marked here as in the highlighted block.
      this.plain.replaceChildren(
        ...code.split('\n').map((line, index, all) => {
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

  /** A notice that the author changed the cell since the reader's kept edit, with the new original one click away. */
  private drawOriginalChanged(model: CellModel): void {
    if (!model.originalChanged) {
      this.originalNotice?.remove();
      this.originalNotice = undefined;
      return;
    }
    if (this.originalNotice) return;
    const text = strings[this.lang];
    const document = this.root.ownerDocument;
    const notice = document.createElement('details');
    notice.className = 'cell-original-changed';
    const summary = document.createElement('summary');
    summary.textContent = `${text.originalChanged} ${text.showOriginal}`;
    const original = document.createElement('pre');
    original.textContent = model.original;
    notice.append(summary, original);
    this.sharePanel.before(notice);
    this.originalNotice = notice;
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

  private async edit(events: CellEvents): Promise<void> {
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
      code: this.drawn.code,
      label: `${controlNames.edit}: ${this.id}`,
      onChange: (code) => events.code(this.id, code),
      onRun: () => events.run(this.id),
      onLeave: () => this.buttons.run.focus(),
    });
    this.bar.append(this.keyHint());
    this.markErrorLine();
    this.editor.focus();
  }
}
