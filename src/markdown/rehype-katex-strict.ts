import type { Root } from 'hast';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';

/** Display math reaches rehype-katex as a `code` element without a position; its `pre` parent has one. */
function lineOf(message: VFileMessage): string {
  if (message.line != null) return `${message.line}:${message.column ?? 1}`;
  const placed = [...(message.ancestors ?? [])].reverse().find((node) => node.position);
  return placed?.position ? `${placed.position.start.line}:${placed.position.start.column}` : '?';
}

/**
 * rehype-katex reports a formula it cannot parse as a warning and renders it in
 * red; a note with broken math must not publish, so turn those warnings into a
 * build failure that names the file and line.
 */
export default function rehypeKatexStrict() {
  return (_tree: Root, file: VFile) => {
    const bad = file.messages.filter((m) => m.source === 'rehype-katex');
    if (bad.length === 0) return;
    throw new Error(
      bad
        .map((m) => `${file.path}:${lineOf(m)} KaTeX cannot parse this formula: ${m.cause instanceof Error ? m.cause.message : m.reason}`)
        .join('\n'),
    );
  };
}
