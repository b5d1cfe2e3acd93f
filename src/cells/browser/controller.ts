/**
 * Hydrates a page's cells: per-cell controls, the page toolbar (Run all, Stop,
 * backend), edits kept across reloads, share links, and the kernel worker.
 * Loaded by loader.ts only on pages that have cells.
 */
import { PAGE_ATTR, PAGE_SEED_ATTR, cellSelector, type CellLang, type Control } from '../core/markup.ts';
import { controlButton } from './control-button.ts';
import { backendNames, type BackendName } from './backend.ts';
import { CellView, readCellMarkup, type CellEvents } from './cell-view.ts';
import { KernelClient } from './kernel-client.ts';
import { canStop, cellsInOrder, initialState, isEdited, reduce, runningCell, type Action, type Notice, type PageState } from './page-state.ts';
import type { CellCode } from './protocol.ts';
import { decodeShare, maxSharedBytes, ShareTooLargeError, shareUrl } from './share.ts';
import { clearEdit, fingerprint, loadBackendChoice, loadEdit, markRunning, runningWhenLeft, saveBackendChoice, saveEdit } from './storage.ts';
import { checkWorkerMessage } from './validate.ts';
import { pageLang, strings } from './strings.ts';
import { dockToolbar } from './toolbar-dock.ts';

/** The status line's words for a notice, in the page's language. */
function noticeText(notice: Notice, lang: CellLang): string {
  const text = strings[lang];
  switch (notice.kind) {
    case 'none':
      return '';
    case 'stopped':
      return text.stopped;
    case 'kernelStopped':
      return text.kernelStopped(notice.message);
    case 'invalidMessage':
      return text.invalidMessage(notice.reason);
    case 'crashedLastTime':
      return text.crashedLastTime(notice.cell);
    case 'shareOpened':
      return text.shareOpened(notice.count);
    case 'shareTooLarge':
      return text.shareTooLarge(maxSharedBytes);
    case 'shareBroken':
      return text.shareBroken;
    case 'copied':
      return text.copied;
    case 'copyFailed':
      return text.copyFailed;
  }
}

class PageController {
  private readonly page: string;
  private readonly lang: CellLang;
  private readonly views: CellView[];
  private readonly cellIds: ReadonlySet<string>;
  private readonly kernel: KernelClient;
  private readonly status: HTMLElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly backendLabel: HTMLElement;
  /** Everything the page knows about its cells; the views draw it, nothing else changes it. */
  private state: PageState;
  private editTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(container: HTMLElement) {
    const document = container.ownerDocument;
    this.page = container.getAttribute(PAGE_ATTR) ?? location.pathname;
    this.lang = pageLang(document);
    const text = strings[this.lang];
    this.kernel = new KernelClient({
      seed: container.getAttribute(PAGE_SEED_ATTR) ?? this.page,
      onMessage: (data) => this.receive(data),
      onFailure: (message) => this.failed(message),
    });
    const roots = [...container.querySelectorAll<HTMLElement>(cellSelector)];
    this.state = initialState(roots.map(readCellMarkup));
    const events: CellEvents = {
      run: (id) => this.run(id),
      code: (id, code) => this.edited(id, code),
      reset: (id) => this.reset(id),
      share: (id) => void this.share(id),
      copy: (id) => void this.copy(id),
    };
    this.views = roots.map((root, index) => new CellView(root, this.state.cells[this.state.order[index]], this.lang, events));
    this.cellIds = new Set(this.state.order);

    const toolbar = document.createElement('div');
    toolbar.className = 'cells-toolbar';
    toolbar.setAttribute('role', 'group');
    toolbar.setAttribute('aria-label', text.toolbar);
    const runAll = this.button('runAll', () => this.run({ all: true }));
    this.stopButton = this.button('stop', () => this.stop());
    const backend = this.backendSwitcher();
    this.backendLabel = document.createElement('span');
    this.backendLabel.className = 'cells-backend-current';
    this.status = document.createElement('p');
    this.status.className = 'cells-status';
    this.status.setAttribute('role', 'status');
    toolbar.append(runAll, this.stopButton, backend, this.backendLabel, this.status);
    this.views[0]?.root.before(toolbar);
    dockToolbar(toolbar);
    this.drawToolbar();

    for (const id of this.state.order) {
      const stored = loadEdit(this.page, id);
      if (stored === undefined) continue;
      // The author changed the cell since the reader's edit: keep the edit, and say so.
      const originalChanged = stored.original !== undefined && stored.original !== fingerprint(this.state.cells[id].original);
      this.dispatch({ type: 'code', cell: id, code: stored.code, originalChanged });
    }
    const crashed = runningWhenLeft(this.page);
    if (crashed !== undefined) {
      markRunning(this.page, undefined);
      this.dispatch({ type: 'notice', notice: { kind: 'crashedLastTime', cell: crashed } });
    }
  }

  /** Applies one action, then lets the views and the crash marker follow the new state. */
  private dispatch(action: Action): void {
    const before = this.state;
    this.state = reduce(before, action);
    if (this.state === before) return;
    for (const view of this.views) view.render(this.state.cells[view.id]);
    this.drawToolbar();
    const running = runningCell(this.state);
    // Kept in storage while a cell runs, so a page reloaded after a crash can say which run it was.
    if (running !== runningCell(before)) markRunning(this.page, running);
  }

  private drawToolbar(): void {
    this.stopButton.disabled = !canStop(this.state);
    this.backendLabel.textContent = this.state.backend ?? strings[this.lang].backendNotLoaded;
    this.status.textContent = noticeText(this.state.notice, this.lang);
  }

  private button(control: Control, onClick: () => void): HTMLButtonElement {
    return controlButton(document, control, this.lang, `cells-${control}`, onClick);
  }

  private backendSwitcher(): HTMLElement {
    const text = strings[this.lang];
    const wrapper = document.createElement('span');
    wrapper.className = 'cells-backend';
    const select = document.createElement('select');
    select.id = 'cells-backend-choice';
    const label = document.createElement('label');
    label.htmlFor = select.id;
    label.textContent = text.backend;
    for (const name of ['auto', ...backendNames]) {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = name === 'auto' ? text.backendAuto : name;
      select.append(option);
    }
    const saved = loadBackendChoice();
    select.value = saved && (backendNames as string[]).includes(saved) ? saved : 'auto';
    this.kernel.setBackend(select.value as BackendName | 'auto');
    select.addEventListener('change', () => {
      const backend = select.value as BackendName | 'auto';
      saveBackendChoice(backend);
      this.kernel.setBackend(backend);
      if (!this.kernel.started) return;
      this.dispatch({ type: 'sent' });
      this.kernel.send({ type: 'backend', backend });
    });
    wrapper.append(label, select);
    return wrapper;
  }

  private codes(): CellCode[] {
    return cellsInOrder(this.state).map((cell) => ({ id: cell.id, code: cell.code, expectError: cell.expectError }));
  }

  run(target: string | { all: true }): void {
    this.dispatch({ type: 'run' });
    this.kernel.send({ type: 'run', cells: this.codes(), target });
  }

  stop(): void {
    this.kernel.stop();
    this.dispatch({ type: 'stop' });
  }

  private edited(id: string, code: string): void {
    this.dispatch({ type: 'code', cell: id, code });
    this.keep(id);
  }

  private reset(id: string): void {
    this.dispatch({ type: 'reset', cell: id });
    this.keep(id);
  }

  /** Keeps the reader's code across reloads, and asks a running kernel which cells it makes stale. */
  private keep(id: string): void {
    const cell = this.state.cells[id];
    if (isEdited(cell)) saveEdit(this.page, id, cell.code, cell.original);
    else clearEdit(this.page, id);
    if (!this.kernel.started) return;
    // Typing sends one state query per pause, not one per key.
    clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => {
      this.dispatch({ type: 'sent' });
      this.kernel.send({ type: 'edit', cells: this.codes() });
    }, 200);
  }

  /** Everything the worker sends is checked first: the worker runs code the page does not trust. */
  private receive(data: unknown): void {
    const verdict = checkWorkerMessage(data, this.cellIds);
    if (!verdict.ok) {
      this.dispatch({ type: 'refused', reason: verdict.reason, cell: verdict.cell });
      return;
    }
    this.dispatch({ type: 'worker', message: verdict.message, now: performance.now() });
    if (verdict.message.type === 'failure') this.kernel.stop();
  }

  private failed(message: string): void {
    this.kernel.stop();
    this.dispatch({ type: 'failed', message });
  }

  private async share(id: string): Promise<void> {
    const text = strings[this.lang];
    const cell = this.views.find((view) => view.id === id);
    if (!cell) return;
    const edited = Object.fromEntries(cellsInOrder(this.state).filter(isEdited).map((c) => [c.id, c.code]));
    const url = Object.keys(edited).length > 0 ? await shareUrl(location, edited) : `${location.origin}${location.pathname}`;
    const say = cell.showShareLink(url);
    try {
      await navigator.clipboard.writeText(url);
      say(text.linkCopied);
    } catch {
      say(text.linkReady);
    }
  }

  private async copy(id: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.state.cells[id].code);
      this.dispatch({ type: 'notice', notice: { kind: 'copied' } });
    } catch {
      this.dispatch({ type: 'notice', notice: { kind: 'copyFailed' } });
    }
  }

  /** Loads a share link's code into the cells. It never runs anything: the reader reads first. */
  async openShared(): Promise<void> {
    let shared;
    try {
      shared = await decodeShare(location.hash);
    } catch (error) {
      this.dispatch({ type: 'notice', notice: { kind: error instanceof ShareTooLargeError ? 'shareTooLarge' : 'shareBroken' } });
      return;
    }
    if (!shared) return;
    let count = 0;
    for (const [id, code] of Object.entries(shared)) {
      const cell = this.state.cells[id];
      if (!cell) continue;
      this.dispatch({ type: 'code', cell: id, code });
      saveEdit(this.page, id, code, cell.original);
      count += 1;
    }
    // The code is now kept as the reader's edits; a reload should not announce the link again.
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    this.dispatch({ type: 'notice', notice: { kind: 'shareOpened', count } });
  }
}

export async function hydrate(document: Document): Promise<void> {
  for (const container of document.querySelectorAll<HTMLElement>(`[${PAGE_ATTR}]`)) {
    const controller = new PageController(container);
    await controller.openShared();
  }
}
