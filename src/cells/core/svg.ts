/**
 * Plot output → a VNode tree through an allow-list. Observable Plot builds its
 * figure with a DOM `document` (linkedom at build time and in the worker); only
 * the elements and attributes a chart needs survive: no script, no
 * foreignObject, no event handlers, no external references.
 */
import { h, type VElement, type VNode } from './vnode.ts';

const svgElements = new Set([
  'svg', 'g', 'path', 'line', 'rect', 'circle', 'ellipse', 'polyline', 'polygon', 'text', 'tspan', 'title', 'desc',
  'defs', 'clipPath', 'linearGradient', 'radialGradient', 'stop', 'pattern', 'marker', 'symbol', 'use', 'style',
]);
/** Plot wraps a chart with a legend or caption in a small HTML figure. */
const htmlElements = new Set(['figure', 'figcaption', 'h2', 'h3', 'div', 'span', 'p']);

const attributes = new Set([
  'viewBox', 'width', 'height', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'd', 'points',
  'transform', 'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linejoin', 'stroke-linecap',
  'stroke-dasharray', 'stroke-dashoffset', 'stroke-miterlimit', 'opacity', 'paint-order', 'font-size', 'font-family',
  'font-weight', 'font-style', 'font-variant', 'text-anchor', 'dominant-baseline', 'alignment-baseline', 'dx', 'dy',
  'class', 'id', 'role', 'aria-label', 'aria-hidden', 'aria-description', 'xmlns', 'offset', 'stop-color', 'stop-opacity',
  'gradientTransform', 'gradientUnits', 'patternUnits', 'preserveAspectRatio', 'clip-path', 'marker-start', 'marker-mid',
  'marker-end', 'markerWidth', 'markerHeight', 'refX', 'refY', 'orient', 'href', 'style', 'shape-rendering', 'vector-effect',
]);

/** Attributes that may hold a reference: only same-document fragments (`#id`, `url(#id)`) are kept. */
const references = new Set(['href', 'clip-path', 'marker-start', 'marker-mid', 'marker-end', 'fill', 'stroke']);

function safeAttribute(name: string, value: string): boolean {
  if (!attributes.has(name)) return false;
  if (name === 'href') return value.startsWith('#');
  if (name === 'style') return !/url\s*\(|expression|javascript:|@import|[<>]/i.test(value);
  if (references.has(name) && /url\s*\(/i.test(value)) return /^\s*url\(\s*["']?#[\w-]+["']?\s*\)\s*$/.test(value);
  return !/javascript:|[<>]/i.test(value);
}

/** Plot's generated stylesheet is kept when it is plain rules: nothing that can load or break out. */
function safeStylesheet(css: string): boolean {
  return !/<|@import|url\s*\(|expression|javascript:/i.test(css);
}

interface DomNodeLike {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNodeLike>;
  attributes?: ArrayLike<{ name: string; value: string }>;
}

/** Converts a Plot DOM node; returns undefined for anything dropped. */
export function sanitiseSvg(node: DomNodeLike): VNode | undefined {
  if (node.nodeType === 3) return { text: node.textContent ?? '' };
  if (node.nodeType !== 1) return undefined;
  const raw = node.nodeName;
  const tag = svgElements.has(raw) ? raw : raw.toLowerCase();
  if (!svgElements.has(tag) && !htmlElements.has(tag)) return undefined;
  if (tag === 'style') {
    const css = node.textContent ?? '';
    return safeStylesheet(css) ? h('style', {}, css) : undefined;
  }
  const element: VElement = h(tag);
  for (const { name, value } of Array.from(node.attributes ?? [])) {
    if (safeAttribute(name, value)) element.attrs[name] = value;
  }
  for (const child of Array.from(node.childNodes)) {
    const clean = sanitiseSvg(child);
    if (clean) element.children.push(clean);
  }
  return element;
}
