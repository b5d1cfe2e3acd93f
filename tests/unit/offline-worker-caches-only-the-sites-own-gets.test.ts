import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cacheFor, cacheKey, cacheLimits, cacheName, staleCaches, type Scope } from '../../src/offline/routes.ts';
import { parseKeepRequest } from '../../src/offline/protocol.ts';

const scope: Scope = {
  origin: 'https://example.org',
  base: '/notes/',
  runtime: new Set(['https://example.org/notes/cells-kernel/', 'https://example.org/notes/_astro/worker.abc.js']),
};
const get = (url: string, mode = 'cors') => cacheFor({ url, method: 'GET', mode }, scope);

describe('which requests the offline worker keeps', () => {
  it('keeps pages, the runtime, assets and data files of its own scope', () => {
    expect(get('https://example.org/notes/papers/cosent/', 'navigate')).toBe('pages');
    expect(get('https://example.org/notes/cells-kernel/', 'navigate')).toBe('runtime');
    expect(get('https://example.org/notes/_astro/worker.abc.js')).toBe('runtime');
    expect(get('https://example.org/notes/_astro/page.def.js')).toBe('assets');
    expect(get('https://example.org/notes/data/wn-sts.json')).toBe('data');
  });

  it('leaves other origins, other methods, other scopes and unbuilt paths to the network', () => {
    expect(get('https://cdn.example.com/notes/_astro/page.def.js')).toBeUndefined();
    expect(cacheFor({ url: 'https://example.org/notes/data/wn-sts.json', method: 'POST', mode: 'cors' }, scope)).toBeUndefined();
    expect(get('https://example.org/papers/cosent/', 'navigate')).toBeUndefined();
    expect(get('https://example.org/notes/@vite/client')).toBeUndefined();
    expect(get('https://example.org/notes/src/offline/register.ts')).toBeUndefined();
    expect(get('https://example.org/notes/sw.js')).toBeUndefined();
    expect(get('https://example.org/notes/pagefind/pagefind.js')).toBeUndefined();
  });

  it('keys a response by its URL without the fragment, and nothing else', () => {
    expect(cacheKey('https://example.org/notes/papers/cosent/#cells=abc')).toBe('https://example.org/notes/papers/cosent/');
    expect(cacheKey('https://example.org/notes/papers/cosent/?x=1')).toBe('https://example.org/notes/papers/cosent/?x=1');
  });
});

describe('cache versions', () => {
  it("deletes only this scope's caches of other builds", () => {
    const names = [
      cacheName('pages', '/notes/', 'old'),
      cacheName('data', '/notes/', 'old'),
      cacheName('pages', '/notes/', 'new'),
      cacheName('pages', '/', 'old'),
      'someone-elses-cache',
    ];
    expect(staleCaches(names, '/notes/', 'new')).toEqual([cacheName('pages', '/notes/', 'old'), cacheName('data', '/notes/', 'old')]);
  });
});

describe('the keep message', () => {
  it('accepts the shape the page sends and refuses anything else', () => {
    const good = { type: 'keep', resources: ['https://example.org/notes/_astro/a.js'], cells: true, data: ['wn-sts.json'] };
    expect(parseKeepRequest(good)).toEqual(good);
    expect(parseKeepRequest({ ...good, data: ['../sw.js'] })).toBeUndefined();
    expect(parseKeepRequest({ ...good, data: ['wn-sts.json/../../x.json'] })).toBeUndefined();
    expect(parseKeepRequest({ ...good, resources: [1] })).toBeUndefined();
    expect(parseKeepRequest({ ...good, resources: Array.from({ length: 501 }, () => 'x') })).toBeUndefined();
    expect(parseKeepRequest({ ...good, type: 'other' })).toBeUndefined();
    expect(parseKeepRequest('keep')).toBeUndefined();
  });
});

describe('the guide', () => {
  it('states the number of pages the worker keeps, in both languages', () => {
    for (const file of ['content/guides/how-cells-work.mdx', 'content/zh-cn/guides/how-cells-work.mdx']) {
      const guide = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
      expect(guide, file).toContain(` ${cacheLimits.pages} `);
    }
  });
});
