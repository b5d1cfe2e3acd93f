/**
 * The cell editor: CodeMirror 6 with TypeScript highlighting. This module is a
 * separate chunk imported on the first "Edit code", so reading a page costs no
 * editor download.
 */
import { EditorState, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection, type DecorationSet } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { javascript } from '@codemirror/lang-javascript';
import { cellHighlightStyle } from './editor-highlight.ts';

export interface EditorOptions {
  parent: HTMLElement;
  code: string;
  label: string;
  onChange(code: string): void;
  onRun(): void;
  /** Escape: the reader leaves the editor; focus goes where this says. */
  onLeave(): void;
}

export interface CellEditor {
  getCode(): string;
  setCode(code: string): void;
  focus(): void;
  destroy(): void;
  /** Marks the line an error points at (1-based), or clears the mark. */
  markLine(line: number | undefined): void;
}

const setErrorLine = StateEffect.define<number | undefined>();
const errorLineMark = Decoration.line({ class: 'cell-error-line' });

/** The error's line, kept as a decoration; any edit clears it, since the line may no longer be the one that failed. */
const errorLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    let next = transaction.docChanged ? Decoration.none : marks;
    for (const effect of transaction.effects) {
      if (!effect.is(setErrorLine)) continue;
      const line = effect.value;
      next = line !== undefined && line >= 1 && line <= transaction.state.doc.lines ? Decoration.set([errorLineMark.range(transaction.state.doc.line(line).from)]) : Decoration.none;
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export function createEditor(options: EditorOptions): CellEditor {
  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.code,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        indentOnInput(),
        bracketMatching(),
        syntaxHighlighting(cellHighlightStyle),
        javascript({ typescript: true }),
        errorLine,
        // Wrapping keeps the editor from becoming a horizontally scrolling region that keyboard users cannot scroll.
        EditorView.lineWrapping,
        // Run and leave come first so they win over the defaults bound to the same keys.
        keymap.of([
          { key: 'Shift-Enter', run: () => (options.onRun(), true) },
          { key: 'Escape', run: () => (options.onLeave(), true) },
          ...defaultKeymap,
          ...historyKeymap,
          indentWithTab,
        ]),
        EditorView.contentAttributes.of({ 'aria-label': options.label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    getCode: () => view.state.doc.toString(),
    setCode(code) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
    markLine: (line) => view.dispatch({ effects: setErrorLine.of(line) }),
  };
}
