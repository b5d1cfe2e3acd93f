/**
 * Plot output → a VNode tree through an allow-list. Observable Plot builds its
 * figure with a DOM `document` (linkedom at build time and in the worker); only
 * the elements and attributes a chart needs survive: no script, no
 * foreignObject, no event handlers, no external references.
 */
import { h, type VElement, type VNode } from './vnode.ts';

const svgElements = new Set([
  'svg', 'g', 'path', 'line', 'rect', 'circle', 'ellipse', 'polyline', 'polygon', 'text', 'tspan', 'title', 'desc',
  'defs', 'clipPath', 'linearGradient', 'radialGradient', 'stop', 'pattern', 'marker', 'symbol', 'use',
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

/**
 * Plot puts a small class-scoped <style> in each chart. Astro's MDX renderer
 * turns a style element's text into a literal `set:html` attribute, so the
 * sheet is dropped and its layout rules (the chart scales down to the column)
 * are set inline on the chart instead. A legend's swatches are small fixed-size
 * svgs that sit inline with their labels: they keep their own size, and the
 * legend's layout comes from src/styles/cells.css.
 */
const chartLayout = 'display: block; height: auto; max-width: 100%;';

/**
 * Starlight gives every svg in a page's content `height: auto`, which makes a
 * swatch without a viewBox 150px tall: its own width and height are restated
 * inline, where no stylesheet overrides them.
 */
function swatchLayout(svg: VElement): string {
  const px = (value: string | undefined) => (value && /^\d+(\.\d+)?$/.test(value) ? `${value}px` : undefined);
  const width = px(svg.attrs.width);
  const height = px(svg.attrs.height);
  return [width && `width: ${width};`, height && `height: ${height};`, 'flex: none;'].filter(Boolean).join(' ');
}

/** Plot's class for one legend entry, e.g. `plot-d6a7b5-swatch`. */
const isSwatch = (className: string | undefined) => className?.split(/\s+/).some((token) => /^plot-[\w-]*swatch$/.test(token)) ?? false;

export interface DomNodeLike {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNodeLike>;
  attributes?: ArrayLike<{ name: string; value: string }>;
}

/** Converts a Plot DOM node; returns undefined for anything dropped. `inSwatch`: inside a legend entry. */
export function sanitiseSvg(node: DomNodeLike, inSwatch = false): VNode | undefined {
  if (node.nodeType === 3) return { text: node.textContent ?? '' };
  if (node.nodeType !== 1) return undefined;
  const raw = node.nodeName;
  const tag = svgElements.has(raw) ? raw : raw.toLowerCase();
  if (!svgElements.has(tag) && !htmlElements.has(tag)) return undefined;
  const element: VElement = h(tag);
  for (const { name, value } of Array.from(node.attributes ?? [])) {
    if (safeAttribute(name, value)) element.attrs[name] = value;
  }
  if (tag === 'svg') element.attrs.style = `${element.attrs.style ?? ''} ${inSwatch ? swatchLayout(element) : chartLayout}`.trim();
  const childrenInSwatch = inSwatch || isSwatch(element.attrs.class);
  // Plot names each mark's <g> ("bar", "rule"); a name on a role-less <g> is
  // prohibited ARIA (axe: aria-prohibited-attr), so the group role is made explicit.
  if (tag === 'g' && element.attrs['aria-label'] && !element.attrs.role) element.attrs.role = 'group';
  for (const child of Array.from(node.childNodes)) {
    const clean = sanitiseSvg(child, childrenInSwatch);
    if (clean) element.children.push(clean);
  }
  return element;
}
