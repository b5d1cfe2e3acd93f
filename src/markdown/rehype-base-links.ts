import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Notes link to each other root-relatively (`/papers/cosent/`), which reads
 * well and is what the link validator checks. Astro does not rewrite links in
 * Markdown for `base`, so prefix them here when the site is deployed under a
 * sub-path. Every root-relative link is prefixed, even one that happens to
 * start like the base (`/notes/…` under base `/notes/` is the archive, not the
 * home page); each base has its own Markdown cache, so nothing is prefixed twice.
 */
export default function rehypeBaseLinks(options: { base: string }) {
  const base = options.base.replace(/\/+$/, '');
  return (tree: Root) => {
    if (!base) return;
    visit(tree, 'element', (node: Element) => {
      for (const attr of ['href', 'src'] as const) {
        const value = node.properties[attr];
        if (typeof value === 'string' && value.startsWith('/') && !value.startsWith('//')) {
          node.properties[attr] = base + value;
        }
      }
    });
  };
}
