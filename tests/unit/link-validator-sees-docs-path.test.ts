import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import rehypeDocsOriginPath from '../../src/markdown/rehype-docs-origin-path.ts';

const options = { contentDir: '/site/content', docsDir: '/site/src/content/docs' };

function run(path: string) {
  const file = new VFile({ path });
  rehypeDocsOriginPath(options)({ type: 'root', children: [] }, file);
  return file;
}

describe('the path the link validator derives page ids from', () => {
  it('goes through src/content/docs for a note under content/', () => {
    const file = run('/site/content/papers/cosent.mdx');
    expect(file.history[0]).toBe('/site/src/content/docs/papers/cosent.mdx');
  });

  it('leaves the path used in error messages pointing at the real file', () => {
    expect(run('/site/content/zh-cn/index.mdx').path).toBe('/site/content/zh-cn/index.mdx');
  });

  it('does not touch files outside content/', () => {
    const file = run('/site/src/pages/extra.md');
    expect(file.history).toEqual(['/site/src/pages/extra.md']);
  });
});
