import { describe, expect, it } from 'vitest';
import { relaxedRanking, relaxedWords } from '../../src/search/relax.ts';

describe('the words a relaxed search tries one by one', () => {
  it('drops English stop words and short Latin words, lowercases and keeps each word once', () => {
    expect(relaxedWords('How do I fix the typos that shoppers make in a search box? Typos!')).toEqual([
      'fix',
      'typos',
      'shoppers',
      'search',
      'box',
    ]);
  });

  it('segments Chinese into words and drops Chinese stop words', () => {
    const words = relaxedWords('用户在搜索框里打错字怎么办');
    expect(words).toContain('搜索');
    expect(words).not.toContain('在');
  });

  it('keeps both kinds of word in a mixed query, and short Chinese words', () => {
    const words = relaxedWords('BM25 和 dense retrieval 的区别');
    expect(words).toEqual(expect.arrayContaining(['bm25', 'dense', 'retrieval', '区别']));
    expect(words).not.toContain('和');
    expect(words).not.toContain('的');
  });

  it('returns no word for a query of stop words and punctuation only', () => {
    expect(relaxedWords('what is it?')).toEqual([]);
  });
});

describe('merging the words’ results', () => {
  const r = (id: string, score: number) => ({ id, score });

  it('keeps the AND results first, then ranks the rest by their summed score', () => {
    const all = [r('and-1', 9), r('and-2', 1)];
    const perWord = [
      [r('and-1', 5), r('one-word', 4), r('two-words', 3)],
      [r('two-words', 3), r('and-2', 2)],
    ];
    expect(relaxedRanking(all, perWord, 10).map((x) => x.id)).toEqual(['and-1', 'and-2', 'two-words', 'one-word']);
  });

  it('stops at the limit', () => {
    const perWord = [[r('a', 3), r('b', 2), r('c', 1)]];
    expect(relaxedRanking([], perWord, 2).map((x) => x.id)).toEqual(['a', 'b']);
  });
});
