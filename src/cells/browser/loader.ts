/**
 * The only cell code a page loads up front, and only on pages with cells
 * (CellsFooter renders it where remark-cells counted any). The controller —
 * controls, kernel client, the checks on what the worker sends, the figure
 * sanitiser — is fetched when the reader could use it: a cell comes within
 * about a screen of the viewport, the reader presses or tabs into a cell, or
 * the address carries a share link (whose code must be loaded into the cells
 * and announced). Until then a cell shows its build-time code and outputs,
 * which need no script.
 */
import { cellSelector, pageSelector } from '../core/markup.ts';
import { sharePrefix } from './share.ts';

/** How far ahead of the viewport a cell starts the controller: its controls are drawn before the reader reaches it. */
const ahead = '100% 0px';

let started = false;
let observer: IntersectionObserver | undefined;

function start(): void {
  if (started) return;
  started = true;
  observer?.disconnect();
  removeEventListener('hashchange', onHash);
  for (const type of ['pointerdown', 'focusin'] as const) document.removeEventListener(type, onReach, true);
  void import('./controller.ts').then(({ hydrate }) => hydrate(document));
}

function onReach(event: Event): void {
  if (event.target instanceof Element && event.target.closest(cellSelector)) start();
}

function onHash(): void {
  if (location.hash.startsWith(`#${sharePrefix}`)) start();
}

const cells = document.querySelector(pageSelector) ? document.querySelectorAll(cellSelector) : [];
if (cells.length > 0) {
  observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && start(), { rootMargin: ahead });
  for (const cell of cells) observer.observe(cell);
  for (const type of ['pointerdown', 'focusin'] as const) document.addEventListener(type, onReach, true);
  addEventListener('hashchange', onHash);
  onHash();
}
