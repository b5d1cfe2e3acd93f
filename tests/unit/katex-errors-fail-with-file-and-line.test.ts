import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMath from 'remark-math';
import remarkRehype from 'remark-rehype';
import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import rehypeKatexStrict from '../../src/markdown/rehype-katex-strict.ts';

function render(markdown: string) {
  const file = new VFile({ path: 'content/papers/example.mdx', value: markdown });
  return unified()
    .use(remarkParse)
    .use(remarkMath)
    .use(remarkRehype)
    .use(rehypeKatex)
    .use(rehypeKatexStrict)
    .use(rehypeStringify)
    .process(file);
}

describe('math that KaTeX cannot parse', () => {
  it('fails with the file and the line of the formula', async () => {
    await expect(render('# Title\n\nFine $x^2$.\n\n$$\n\\frac{1}{\n$$\n')).rejects.toThrow(
      /content\/papers\/example\.mdx:5:1 KaTeX cannot parse this formula/,
    );
  });

  it('lets valid math through, rendered', async () => {
    const out = String(await render('Root $\\sqrt{x}$ and $$\\sum_i w_i$$'));
    expect(out).toContain('class="katex"');
    expect(out).not.toContain('katex-error');
  });
});
