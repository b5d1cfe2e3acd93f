/**
 * Hydrates a page's cells: per-cell controls, the page toolbar (Run all, Stop,
 * backend), edits kept across reloads, share links, and the kernel worker.
 * Loaded by loader.ts only on pages that have cells.
 */
import { PAGE_ATTR, PAGE_SEED_ATTR, cellSelector, type CellLang, type Control } from '../core/markup.ts';
import { controlButton } from './control-button.ts';
import { backendNames, type BackendName } from './backend.ts';
import { CellView } from './cell-view.ts';
import { KernelClient } from './kernel-client.ts';
import type { CellCode, FromWorker } from './protocol.ts';
import { decodeShare, maxSharedBytes, ShareTooLargeError, shareUrl } from './share.ts';
import { clearEdit, fingerprint, loadBackendChoice, loadEdit, markRunning, runningWhenLeft, saveBackendChoice, saveEdit } from './storage.ts';
import { checkWorkerMessage } from './validate.ts';
import { pageLang, strings } from './strings.ts';
import { dockToolbar } from './toolbar-dock.ts';

class PageController {
  private readonly page: string;
  private readonly lang: CellLang;
  private readonly cells: CellView[];
  private readonly byId: Map<string, CellView>;
  private readonly cellIds: ReadonlySet<string>;
  private readonly kernel: KernelClient;
  private readonly status: HTMLElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly backendLabel: HTMLElement;
  private pending = 0;
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
    const events = {
      run: (cell: CellView) => this.run(cell.id),
      edited: (cell: CellView) => this.edited(cell),
      share: (cell: CellView) => void this.share(cell),
      copy: (cell: CellView) => void this.copy(cell),
    };
    this.cells = [...container.querySelectorAll<HTMLElement>(cellSelector)].map((root) => new CellView(root, this.lang, events));
    this.byId = new Map(this.cells.map((cell) => [cell.id, cell]));
    this.cellIds = new Set(this.byId.keys());

    const toolbar = document.createElement('div');
    toolbar.className = 'cells-toolbar';
    toolbar.setAttribute('role', 'group');
    toolbar.setAttribute('aria-label', text.toolbar);
    const runAll = this.button('runAll', () => this.run({ all: true }));
    this.stopButton = this.button('stop', () => this.stop());
    this.stopButton.disabled = true;
    const backend = this.backendSwitcher();
    this.backendLabel = document.createElement('span');
    this.backendLabel.className = 'cells-backend-current';
    this.backendLabel.textContent = text.backendNotLoaded;
    this.status = document.createElement('p');
    this.status.className = 'cells-status';
    this.status.setAttribute('role', 'status');
    toolbar.append(runAll, this.stopButton, backend, this.backendLabel, this.status);
    this.cells[0]?.root.before(toolbar);
    dockToolbar(toolbar);

    for (const cell of this.cells) {
      const stored = loadEdit(this.page, cell.id);
      if (stored === undefined) continue;
      cell.setCode(stored.code);
      // The author changed the cell since the reader's edit: keep the edit, and say so.
      if (stored.original !== undefined && stored.original !== fingerprint(cell.original)) cell.showOriginalChanged();
    }
    const crashed = runningWhenLeft(this.page);
    if (crashed !== undefined) {
      markRunning(this.page, undefined);
      this.announce(text.crashedLastTime(crashed));
    }
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
      if (this.kernel.started) this.send({ type: 'backend', backend });
    });
    wrapper.append(label, select);
    return wrapper;
  }

  private codes(): CellCode[] {
    return this.cells.map((cell) => ({ id: cell.id, code: cell.code, expectError: cell.expectError }));
  }

  private send(message: Parameters<KernelClient['send']>[0]): void {
    this.pending += 1;
    this.stopButton.disabled = false;
    this.kernel.send(message);
  }

  run(target: string | { all: true }): void {
    this.announce('');
    this.send({ type: 'run', cells: this.codes(), target });
  }

  stop(): void {
    this.kernel.stop();
    this.pending = 0;
    this.stopButton.disabled = true;
    for (const cell of this.cells) cell.setState('idle');
    this.backendLabel.textContent = strings[this.lang].backendNotLoaded;
    this.announce(strings[this.lang].stopped);
  }

  private edited(cell: CellView): void {
    if (cell.edited) saveEdit(this.page, cell.id, cell.code, cell.original);
    else clearEdit(this.page, cell.id);
    if (!this.kernel.started) return;
    // Typing sends one state query per pause, not one per key.
    clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => this.send({ type: 'edit', cells: this.codes() }), 200);
  }

  /** Everything the worker sends is checked first: the worker runs code the page does not trust. */
  private receive(data: unknown): void {
    const verdict = checkWorkerMessage(data, this.cellIds);
    if (!verdict.ok) {
      if (verdict.cell) this.byId.get(verdict.cell)?.outputs.invalid(verdict.reason);
      else this.announce(strings[this.lang].invalidMessage(verdict.reason));
      return;
    }
    this.apply(verdict.message);
  }

  private apply(message: FromWorker): void {
    switch (message.type) {
      case 'state': {
        const cell = this.byId.get(message.cell);
        markRunning(this.page, message.state === 'running' ? message.cell : undefined);
        // A cell reports "running" again while its timers live: its outputs so far stay.
        if (message.state === 'running' && cell?.state !== 'running') cell?.outputs.clear();
        cell?.setState(message.state);
        this.updateStop();
        break;
      }
      case 'outputs':
        this.byId.get(message.cell)?.outputs.show(message.outputs);
        break;
      case 'states':
        for (const [id, state] of Object.entries(message.states)) this.byId.get(id)?.setState(state);
        this.updateStop();
        break;
      case 'backend':
        this.backendLabel.textContent = message.backend;
        break;
      case 'failure':
        this.failed(message.message);
        break;
      case 'idle':
        this.pending = Math.max(0, this.pending - 1);
        this.updateStop();
        break;
    }
  }

  /** Stop is available while a request is queued or a cell still runs (its timers, say). */
  private updateStop(): void {
    this.stopButton.disabled = this.pending === 0 && !this.cells.some((cell) => cell.state === 'running');
  }

  private failed(message: string): void {
    this.kernel.stop();
    this.pending = 0;
    this.stopButton.disabled = true;
    for (const cell of this.cells) if (cell.state === 'running') cell.setState('idle');
    this.announce(strings[this.lang].kernelStopped(message));
  }

  private announce(message: string): void {
    this.status.textContent = message;
  }

  private async share(cell: CellView): Promise<void> {
    const text = strings[this.lang];
    const edited = Object.fromEntries(this.cells.filter((c) => c.edited).map((c) => [c.id, c.code]));
    const url = Object.keys(edited).length > 0 ? await shareUrl(location, edited) : `${location.origin}${location.pathname}`;
    const field = document.createElement('input');
    field.type = 'text';
    field.readOnly = true;
    field.value = url;
    field.setAttribute('aria-label', text.shareLink);
    const message = document.createElement('span');
    cell.sharePanel.replaceChildren(field, message);
    cell.sharePanel.hidden = false;
    field.select();
    try {
      await navigator.clipboard.writeText(url);
      message.textContent = text.linkCopied;
    } catch {
      message.textContent = text.linkReady;
    }
  }

  private async copy(cell: CellView): Promise<void> {
    try {
      await navigator.clipboard.writeText(cell.code);
      this.announce(strings[this.lang].copied);
    } catch {
      this.announce(strings[this.lang].copyFailed);
    }
  }

  /** Loads a share link's code into the cells. It never runs anything: the reader reads first. */
  async openShared(): Promise<void> {
    const text = strings[this.lang];
    let shared;
    try {
      shared = await decodeShare(location.hash);
    } catch (error) {
      this.announce(error instanceof ShareTooLargeError ? text.shareTooLarge(maxSharedBytes) : text.shareBroken);
      return;
    }
    if (!shared) return;
    let count = 0;
    for (const [id, code] of Object.entries(shared)) {
      const cell = this.byId.get(id);
      if (!cell) continue;
      cell.setCode(code);
      saveEdit(this.page, cell.id, code, cell.original);
      count += 1;
    }
    // The code is now kept as the reader's edits; a reload should not announce the link again.
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    this.announce(text.shareOpened(count));
  }
}

export async function hydrate(document: Document): Promise<void> {
  for (const container of document.querySelectorAll<HTMLElement>(`[${PAGE_ATTR}]`)) {
    const controller = new PageController(container);
    await controller.openShared();
  }
}
