import { describe, expect, it } from 'vitest';
import { pageLang, pageSeed } from '../../src/cells/build/page.ts';

describe('page path rules', () => {
  it('gives a Chinese page its original’s seed and the Chinese language', () => {
    expect(pageSeed('content/zh-cn/guides/writing-a-note.mdx')).toBe(pageSeed('content/guides/writing-a-note.mdx'));
    expect(pageSeed('content/papers/cosent.mdx')).not.toBe(pageSeed('content/papers/gdr.mdx'));
    expect(pageLang('content/zh-cn/papers/cosent.mdx')).toBe('zh-cn');
    expect(pageLang('content/papers/cosent.mdx')).toBe('en');
  });
});
