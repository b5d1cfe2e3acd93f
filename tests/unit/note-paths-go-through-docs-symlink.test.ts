import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import remarkDocsPath from '../../src/markdown/remark-docs-path.ts';

const options = { contentDir: '/site/content', docsDir: '/site/src/content/docs' };

function run(path: string) {
  const file = new VFile({ path });
  remarkDocsPath(options)({ type: 'root', children: [] }, file);
  return file;
}

describe('note paths seen by Starlight and the link validator', () => {
  it('go through src/content/docs, so the locale and page id can be read from them', () => {
    const file = run('/site/content/zh-cn/papers/cosent.mdx');
    expect(file.path).toBe('/site/src/content/docs/zh-cn/papers/cosent.mdx');
    expect(file.history[0]).toBe('/site/src/content/docs/zh-cn/papers/cosent.mdx');
  });

  it('keep the file name and extension', () => {
    const file = run('/site/content/index.mdx');
    expect(file.basename).toBe('index.mdx');
    expect(file.dirname).toBe('/site/src/content/docs');
  });

  it('are left alone outside content/', () => {
    expect(run('/site/src/pages/extra.md').history).toEqual(['/site/src/pages/extra.md']);
    expect(run('/site/contents/other.md').path).toBe('/site/contents/other.md');
  });
});
