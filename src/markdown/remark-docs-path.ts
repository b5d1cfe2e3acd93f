import type { Root } from 'mdast';
import type { VFile } from 'vfile';

/**
 * Notes live in `content/` and reach Starlight through the `src/content/docs`
 * symlink, but Vite resolves the symlink, so each file arrives with its
 * `content/...` path. Starlight reads the page language from the path relative
 * to `src/content/docs` (asides and heading-anchor labels on zh-cn pages came
 * out in English), and starlight-links-validator derives page ids the same way
 * (every internal link was reported invalid). Rewriting the file's paths to go
 * through the symlink names the same files and gives both what they expect.
 * Runs first, before any plugin reads the path.
 */
export default function remarkDocsPath(options: { contentDir: string; docsDir: string }) {
  const withSlash = (dir: string) => (dir.endsWith('/') ? dir : `${dir}/`);
  const contentDir = withSlash(options.contentDir);
  const docsDir = withSlash(options.docsDir);
  const throughSymlink = (path: string) => (path.startsWith(contentDir) ? docsDir + path.slice(contentDir.length) : path);
  return (_tree: Root, file: VFile) => {
    file.history = file.history.map(throughSymlink);
  };
}
