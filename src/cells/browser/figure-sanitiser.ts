/**
 * The page's own cleaning of a plot before it enters the document. The worker
 * cleans figures too (core/svg.ts), but the worker runs the reader's or a
 * share link's code and can post anything, so this is the guarantee.
 *
 * DOMPurify (SVG and HTML profiles) does the cleaning: it is the sanitiser the
 * browsers' own parser quirks are tested against, which an allow-list of our
 * own is not. The figure reaches it as escaped markup, which DOMPurify parses
 * in an inert document where nothing loads, runs or fires (an element built
 * with the DOM API, even in a detached document, can fire `load`), and only
 * its cleaned copy is imported into the page. On top of
 * its defaults: no element that embeds or references other content, only
 * same-document `#fragment` references, class names of Plot's own, and inline
 * styles limited to properties that cannot move a figure out of its cell.
 */
import DOMPurify from 'dompurify';
import { isText, type VNode } from '../core/vnode.ts';

const forbiddenTags = ['style', 'foreignObject', 'image', 'img', 'a', 'iframe', 'object', 'embed', 'video', 'audio', 'animate', 'set', 'animateMotion', 'animateTransform', 'feImage', 'form', 'input', 'button', 'textarea', 'select', 'link', 'meta', 'base'];

/** Inline style properties a chart uses; none of them can position an element or load anything. */
const styleProperties = new Set([
  'display', 'width', 'height', 'max-width', 'max-height', 'overflow', 'color', 'background', 'background-color',
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'opacity', 'font', 'font-family', 'font-size',
  'font-weight', 'font-style', 'font-variant', 'font-variant-numeric', 'line-height', 'text-anchor', 'white-space',
  'vertical-align', 'margin', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left', 'padding', 'gap',
  'border', 'border-radius', 'columns', 'text-align', 'letter-spacing', 'shape-rendering',
]);

export function cleanStyle(style: string): string {
  return style
    .split(';')
    .map((declaration) => declaration.trim())
    .filter((declaration) => {
      const colon = declaration.indexOf(':');
      if (colon <= 0) return false;
      const property = declaration.slice(0, colon).trim().toLowerCase();
      const value = declaration.slice(colon + 1);
      return styleProperties.has(property) && !/url\s*\(|expression|image-set|\\|@/i.test(value);
    })
    .join('; ');
}

let hooked = false;
function installHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
    const name = data.attrName.toLowerCase();
    if (name === 'href' || name === 'xlink:href') {
      if (!data.attrValue.startsWith('#')) data.keepAttr = false;
    } else if (name === 'style') {
      data.attrValue = cleanStyle(data.attrValue);
    } else if (name === 'class') {
      data.attrValue = data.attrValue.split(/\s+/).filter((token) => /^(plot(-[\w-]+)?|cell-plot)$/.test(token)).join(' ');
    } else if (/url\s*\(/i.test(data.attrValue) && !/^\s*url\(\s*["']?#[\w-]+["']?\s*\)\s*$/.test(data.attrValue)) {
      // fill="url(#gradient)" is how a chart refers to its own gradients; any other url() could fetch.
      data.keepAttr = false;
    }
  });
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');
const namePattern = /^[A-Za-z][\w:.-]*$/;

/**
 * Markup for a figure tree; names that are not names are dropped, all text and
 * values escaped. Event-handler attributes are dropped here already: DOMPurify
 * would remove them too, but the browser checks the page's policy as soon as
 * the parser meets one, and reports a violation for code that was never going
 * to run.
 */
export function figureMarkup(node: VNode): string {
  if (isText(node)) return escapeText(node.text);
  if (!namePattern.test(node.tag)) return '';
  const attrs = Object.entries(node.attrs)
    .filter(([name]) => namePattern.test(name) && !/^on/i.test(name))
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  return `<${node.tag}${attrs}>${node.children.map(figureMarkup).join('')}</${node.tag}>`;
}

/** A cleaned copy of the plot's figure, owned by the page's document and ready to insert. */
export function sanitisedFigure(figure: VNode): DocumentFragment {
  installHooks();
  return DOMPurify.sanitize(`<div class="cell-plot">${figureMarkup(figure)}</div>`, {
    USE_PROFILES: { html: true, svg: true },
    FORBID_TAGS: forbiddenTags,
    FORBID_ATTR: ['srcset', 'src', 'action', 'formaction', 'ping', 'target'],
    ALLOW_DATA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
}
