/**
 * A minimal virtual node tree: what the renderer produces and what its two
 * sinks (HTML string at build time, DOM in the browser) consume. Text is data,
 * never markup: a sink must emit it as a text node.
 */
export type VNode = VElement | VText;

export interface VElement {
  tag: string;
  attrs: Record<string, string>;
  children: VNode[];
}

export interface VText {
  text: string;
}

export function isText(node: VNode): node is VText {
  return 'text' in node;
}

type Child = VNode | string | null | undefined | false;

export function h(tag: string, attrs: Record<string, string | undefined> = {}, ...children: Child[]): VElement {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined) clean[key] = value;
  return {
    tag,
    attrs: clean,
    children: children.flatMap((child) => (child === null || child === undefined || child === false ? [] : typeof child === 'string' ? [{ text: child }] : [child])),
  };
}
