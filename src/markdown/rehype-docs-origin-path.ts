import type { Root } from 'hast';
import type { VFile } from 'vfile';

/**
 * Vite resolves the `src/content/docs` symlink, so a note's file path is
 * `content/...`. starlight-links-validator derives each page's id from the
 * file's original path (`file.history[0]`) relative to `src/content/docs`;
 * with the resolved path every id comes out wrong and every internal link is
 * reported invalid. Prepend the path through the symlink as the file's original
 * path: `file.path` (the last history entry, used in error messages) is left as is.
 */
export default function rehypeDocsOriginPath(options: { contentDir: string; docsDir: string }) {
  const withSlash = (dir: string) => (dir.endsWith('/') ? dir : `${dir}/`);
  const contentDir = withSlash(options.contentDir);
  const docsDir = withSlash(options.docsDir);
  return (_tree: Root, file: VFile) => {
    const original = file.history[0];
    if (original?.startsWith(contentDir)) file.history.unshift(docsDir + original.slice(contentDir.length));
  };
}
