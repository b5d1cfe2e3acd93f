/**
 * On every page, and nothing more than this: pages with cells fetch the
 * controller; pages without pay for one selector query.
 */
import { pageSelector } from '../core/markup.ts';

if (document.querySelector(pageSelector)) {
  void import('./controller.ts').then(({ hydrate }) => hydrate(document));
}
