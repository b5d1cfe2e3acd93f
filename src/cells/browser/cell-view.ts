/**
 * One cell on the live page: its controls, its state badge, its code (static
 * highlight, plain text once edited, or the editor) and its output region.
 * It knows nothing of the kernel; the controller wires its events.
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
  type Control,
} from '../core/markup.ts';
import { controlButton } from './control-button.ts';
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
  private readonly editedMark: HTMLElement;
  private readonly buttons: Record<'run' | 'reset' | 'edit' | 'copy' | 'share', HTMLButtonElement>;
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
    this.outputs = new OutputView(region, lang);

    const document = root.ownerDocument;
    const bar = document.createElement('div');
    bar.className = 'cell-controls';
    this.buttons = {
      run: this.button('run', () => events.run(this)),
      edit: this.button('edit', () => void this.edit()),
      reset: this.button('reset', () => this.reset()),
      copy: this.button('copy', () => events.copy(this)),
      share: this.button('share', () => events.share(this)),
    };
    this.editedMark = document.createElement('span');
    this.editedMark.className = 'cell-edited';
    this.editedMark.textContent = strings[lang].edited;
    this.badge = document.createElement('span');
    this.badge.className = 'cell-state';
    bar.append(...Object.values(this.buttons), this.editedMark, this.badge);
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
  }

  private button(control: Control, onClick: () => void): HTMLButtonElement {
    return controlButton(this.root.ownerDocument, control, this.lang, `cell-${control}`, onClick);
  }

  get edited(): boolean {
    return this.code !== this.original;
  }

  setState(next: CellState): void {
    // A cell the build skipped stays marked so while the live kernel has not run it.
    const state = next === 'idle' && this.skipped ? 'skipped' : next;
    this.root.setAttribute(CELL_STATE_ATTR, state);
    this.badge.textContent = strings[this.lang].state[state];
    this.outputs.region.setAttribute('aria-busy', String(state === 'running'));
    if (state !== 'running') this.outputs.flush();
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
      this.plain.textContent = this.code;
      this.plain.hidden = false;
    } else if (this.plain) {
      this.plain.hidden = true;
    }
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
    this.editor.focus();
  }
}
