/**
 * A cell or page control: its accessible name is the English one on every page
 * (tests and assistive technology rely on it), its visible label follows the page's language.
 */
import { controlLabels, controlNames, type CellLang, type Control } from '../core/markup.ts';

export function controlButton(doc: Document, control: Control, lang: CellLang, className: string, onClick: () => void): HTMLButtonElement {
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = `cell-button ${className}`;
  button.setAttribute('aria-label', controlNames[control]);
  button.textContent = controlLabels[lang][control];
  button.addEventListener('click', onClick);
  return button;
}
