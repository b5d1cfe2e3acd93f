/**
 * A cell or page control: its accessible name is the English one on every page
 * (tests and assistive technology rely on it), its visible label follows the
 * page's language. A compact control shows only its icon, with the label as a
 * tooltip on hover and keyboard focus; the tooltip is drawn from `data-tip` by
 * CSS, so it adds no text to the button and no element to the page.
 */
import { controlLabels, controlNames, type CellLang, type Control } from '../core/markup.ts';
import { icon } from './icons.ts';

/**
 * Controls only the live page has (the build never renders them) are named
 * here rather than in core/markup.ts: every file of src/cells/core is part of
 * the build's cell-cache key, and a name the build never uses should not make
 * every cell on the site run again.
 */
export type CellControl = Control | 'compare';
const names: Record<CellControl, string> = { ...controlNames, compare: 'Compare with the build' };
const labels: Record<CellLang, Record<CellControl, string>> = {
  en: names,
  'zh-cn': { ...controlLabels['zh-cn'], compare: '对比构建结果' },
};

export interface ControlOptions {
  /** Icon only, the label in a tooltip (the cell header's secondary controls). */
  compact?: boolean;
  /** A key binding, in `aria-keyshortcuts` syntax, announced and shown in the tooltip. */
  shortcut?: string;
}

export function controlButton(
  doc: Document,
  control: CellControl,
  lang: CellLang,
  className: string,
  onClick: () => void,
  options: ControlOptions = {},
): HTMLButtonElement {
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = `cell-button ${className}${options.compact ? ' cell-button-compact' : ''}`;
  button.setAttribute('aria-label', names[control]);
  button.append(icon(doc, control));
  const label = labels[lang][control];
  if (options.compact) {
    button.dataset.tip = label;
  } else {
    const text = doc.createElement('span');
    text.className = 'cell-button-label';
    text.textContent = label;
    button.append(text);
  }
  if (options.shortcut) {
    button.setAttribute('aria-keyshortcuts', options.shortcut);
    button.dataset.tip = options.compact ? `${label} (${options.shortcut})` : options.shortcut;
  }
  button.addEventListener('click', onClick);
  return button;
}
