/**
 * The cell controls' icons: small stroked SVGs of our own on a 24-unit grid,
 * drawn in `currentColor` so they take the button's colour in either theme.
 * Starlight's icon set has no play, copy or reset glyph, and mixing its filled
 * icons with drawn ones would look patched together, so all of them are here.
 * Built with the DOM API: no markup string is ever parsed.
 */
import type { CellControl } from './control-button.ts';

/** Path data per icon; each path is stroked, none filled, except the play triangle. */
const paths: Record<CellControl, { d: string[]; filled?: boolean }> = {
  run: { d: ['M8 5.5v13l10.5-6.5z'], filled: true },
  runAll: { d: ['M4 5.5v13l8-6.5z', 'M13 5.5v13l8-6.5z'], filled: true },
  stop: { d: ['M6.5 6.5h11v11h-11z'], filled: true },
  edit: { d: ['M4 20l1-4.5L16 4.5l3.5 3.5L8.5 19z', 'M13.5 7l3.5 3.5'] },
  reset: { d: ['M4.5 12a7.5 7.5 0 1 0 2.2-5.3', 'M4.5 3.5v3.7h3.7'] },
  copy: { d: ['M9 9h10.5v10.5H9z', 'M15 9V4.5H4.5V15H9'] },
  share: { d: ['M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1', 'M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1'] },
  compare: { d: ['M4 5h7v14H4z', 'M13 5h7v14h-7z', 'M15.5 10h2', 'M15.5 14h2'] },
};

const svgNamespace = 'http://www.w3.org/2000/svg';

export function icon(doc: Document, name: CellControl): SVGSVGElement {
  const svg = doc.createElementNS(svgNamespace, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'cell-icon');
  const { d, filled } = paths[name];
  for (const data of d) {
    const path = doc.createElementNS(svgNamespace, 'path');
    path.setAttribute('d', data);
    if (filled) path.setAttribute('fill', 'currentColor');
    svg.appendChild(path);
  }
  return svg;
}
