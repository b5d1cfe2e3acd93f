/**
 * Starlight route middleware: a splash page's hero actions are written in
 * frontmatter as site paths (`/papers/`), and Starlight renders them as they
 * are, so under a sub-path (SITE_BASE) they would point outside the site.
 * This joins each root-relative action link onto the base, the way
 * src/markdown/rehype-base-links.ts does for links in the text.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { withBase } from './base-url.ts';

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const hero = route.entry.data.hero;
  if (!hero?.actions?.length) return;
  // A copy: the entry object is the content collection's own, shared with every other reader of it.
  const actions = hero.actions.map((action) => (action.link.startsWith('/') && !action.link.startsWith('//') ? { ...action, link: withBase(action.link) } : action));
  route.entry = { ...route.entry, data: { ...route.entry.data, hero: { ...hero, actions } } };
});
