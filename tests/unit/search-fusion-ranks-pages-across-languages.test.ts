import { describe, expect, it } from 'vitest';
import { fuse, languageOf, pageKey, twinUrl, type Hit } from '../../src/search/rank.ts';

const hit = (url: string): Hit => ({ url, title: url, excerpt: '' });

describe('page identity across languages', () => {
  it('gives a page and its Chinese twin one key, with or without a base and an anchor', () => {
    expect(pageKey('/papers/cosent/', '/')).toBe('/papers/cosent/');
    expect(pageKey('/zh-cn/papers/cosent/#loss', '/')).toBe('/papers/cosent/');
    expect(pageKey('/notes/zh-cn/papers/cosent/', '/notes/')).toBe('/papers/cosent/');
    // Under base /notes/, the archive section is /notes/notes/: the base is removed once.
    expect(pageKey('/notes/notes/2022/05/rnn/', '/notes/')).toBe('/notes/2022/05/rnn/');
  });

  it('names the language and the twin of a URL', () => {
    expect(languageOf('/notes/zh-cn/notes/2022/05/rnn/', '/notes/')).toBe('zh-cn');
    expect(languageOf('/notes/notes/2022/05/rnn/', '/notes/')).toBe('en');
    expect(twinUrl('/notes/notes/2022/05/rnn/#bptt', '/notes/')).toBe('/notes/zh-cn/notes/2022/05/rnn/');
    expect(twinUrl('/zh-cn/papers/sgns/', '/')).toBe('/papers/sgns/');
  });
});

describe('reciprocal-rank fusion of the two languages', () => {
  it('adds 1/(k + rank) per list and merges twins into one entry', () => {
    const fused = fuse(
      [
        { hits: [hit('/a/'), hit('/b/')], weight: 1 },
        { hits: [hit('/zh-cn/b/'), hit('/zh-cn/c/')], weight: 1 },
      ],
      'en',
      '/',
    );
    expect(fused.map((e) => e.key)).toEqual(['/b/', '/a/', '/c/']);
    expect(fused[0].score).toBeCloseTo(1 / 62 + 1 / 61, 12);
    // A page matched in both languages is shown in the reader's own.
    expect(fused[0]).toMatchObject({ language: 'en', hit: { url: '/b/' }, twinUrl: '/zh-cn/b/' });
    expect(fused[2]).toMatchObject({ language: 'zh-cn', twinUrl: '/c/' });
  });

  it('puts the reader’s own language first at equal ranks', () => {
    const fused = fuse(
      [
        { hits: [hit('/zh-cn/x/')], weight: 0.9 },
        { hits: [hit('/y/')], weight: 1 },
      ],
      'en',
      '/',
    );
    expect(fused.map((e) => e.language)).toEqual(['en', 'zh-cn']);
  });

  it('counts a page once per list when a list holds both twins', () => {
    const fused = fuse([{ hits: [hit('/zh-cn/a/'), hit('/a/'), hit('/b/')], weight: 1 }], 'en', '/');
    expect(fused.map((e) => [e.key, e.language])).toEqual([['/a/', 'en'], ['/b/', 'en']]);
    expect(fused[0].score).toBeCloseTo(1 / 61, 12);
    expect(fused[1].score).toBeCloseTo(1 / 62, 12);
  });
});
