import type { Root } from 'hast';
import type { VFile } from 'vfile';

/**
 * rehype-katex reports a formula it cannot parse as a warning and renders it in
 * red; a note with broken math must not publish, so turn those warnings into a
 * build failure that names the file and line.
 */
export default function rehypeKatexStrict() {
  return (_tree: Root, file: VFile) => {
    const bad = file.messages.filter((m) => m.source === 'rehype-katex');
    if (bad.length === 0) return;
    const where = (m: (typeof bad)[number]) => `${file.path}:${m.line ?? '?'}:${m.column ?? '?'}`;
    throw new Error(
      bad.map((m) => `${where(m)} KaTeX cannot parse this formula: ${m.cause instanceof Error ? m.cause.message : m.reason}`).join('\n'),
    );
  };
}
