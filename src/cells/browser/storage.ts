/**
 * A reader's edits, kept in localStorage per page and cell so they survive a
 * reload. Storage can be missing or full (private windows, quotas): edits then
 * live only as long as the page, which is the best that can be done.
 */

function key(page: string, cell: string): string {
  return `cells:${page}:${cell}`;
}

export function loadEdit(page: string, cell: string): string | undefined {
  try {
    return localStorage.getItem(key(page, cell)) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveEdit(page: string, cell: string, code: string): void {
  try {
    localStorage.setItem(key(page, cell), code);
  } catch {
    // Storage refused: the edit stays in the page only.
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
