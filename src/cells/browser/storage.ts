/**
 * A reader's edits, kept in localStorage per page and cell so they survive a
 * reload. Storage can be missing or full (private windows, quotas): edits then
 * live only as long as the page, which is the best that can be done.
 */

function key(page: string, cell: string): string {
  return `cells:${page}:${cell}`;
}

/** FNV-1a over UTF-16 code units: enough to tell whether the author's original changed, with no async crypto. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

export interface SavedEdit {
  code: string;
  /** Fingerprint of the original the edit was made from; absent for edits saved before it was recorded. */
  original?: string;
}

/** An edit saved before fingerprints were recorded is the bare code: it is kept, with no original to compare. */
function parseSaved(stored: string): SavedEdit {
  try {
    const parsed: unknown = JSON.parse(stored);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as SavedEdit).code === 'string') return parsed as SavedEdit;
  } catch {
    // Not JSON: the bare code of an older edit.
  }
  return { code: stored };
}

export function loadEdit(page: string, cell: string): SavedEdit | undefined {
  try {
    const stored = localStorage.getItem(key(page, cell));
    if (stored === null) return undefined;
    return parseSaved(stored);
  } catch {
    return undefined;
  }
}

export function saveEdit(page: string, cell: string, code: string, original: string): void {
  try {
    localStorage.setItem(key(page, cell), JSON.stringify({ code, original: fingerprint(original) } satisfies SavedEdit));
  } catch {
    // Storage refused: the edit stays in the page only.
  }
}

const runningKey = (page: string) => `cells:running:${page}`;

/** Marks the cell whose run is under way, so a page reloaded after the tab died can say which run probably killed it. */
export function markRunning(page: string, cell: string | undefined): void {
  try {
    if (cell === undefined) localStorage.removeItem(runningKey(page));
    else localStorage.setItem(runningKey(page), cell);
  } catch {
    // Without storage there is nothing to tell after a crash.
  }
}

export function runningWhenLeft(page: string): string | undefined {
  try {
    return localStorage.getItem(runningKey(page)) ?? undefined;
  } catch {
    return undefined;
  }
}

export function clearEdit(page: string, cell: string): void {
  try {
    localStorage.removeItem(key(page, cell));
  } catch {
    // Nothing stored, nothing to clear.
  }
}

const backendKey = 'cells:backend';

/** The reader's backend choice, shared by every page. */
export function loadBackendChoice(): string | undefined {
  try {
    return localStorage.getItem(backendKey) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveBackendChoice(choice: string): void {
  try {
    localStorage.setItem(backendKey, choice);
  } catch {
    // The choice then lasts as long as the page.
  }
}
