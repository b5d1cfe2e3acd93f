/**
 * The page toolbar sticks below Starlight's header while the reader scrolls.
 * Its height changes (it wraps on a narrow screen, a status message grows it),
 * so this publishes it as `--cells-toolbar-height` on the root element, and the
 * page's scroll padding (cells.css) keeps whatever the browser scrolls into view
 * (a link's target, a focused control, a cell) clear of the toolbar.
 */
export function dockToolbar(toolbar: HTMLElement): void {
  const root = toolbar.ownerDocument.documentElement;
  new ResizeObserver(() => {
    root.style.setProperty('--cells-toolbar-height', `${toolbar.offsetHeight}px`);
  }).observe(toolbar);
}
