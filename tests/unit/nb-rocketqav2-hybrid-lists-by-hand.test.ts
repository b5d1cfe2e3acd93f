import { describe, expect, it } from 'vitest';
import { hybridLists } from '../../notebooks/rocketqav2.ts';
import type { RetrievalQuery } from '../../notebooks/data.ts';

const query = (positive: number): RetrievalQuery => ({ text: 'a ___ example', word: 'word', positive });

describe('RocketQAv2 hybrid lists', () => {
  it('put the positive first, then the denoised negatives the filter allows, then undenoised ones, never repeating', () => {
    // Query 0's pool holds its own positive (3), which must be skipped; the filter calls 10 and 11 clean.
    const lists = hybridLists([query(3)], [[3, 10, 11, 12, 13, 14]], (_, d) => d === 10 || d === 11, { size: 4, denoised: 2, corpus: 100, seed: 1 });
    expect(lists).toHaveLength(1);
    const [{ docs }] = lists;
    expect(docs[0]).toBe(3);
    expect(docs).toHaveLength(4);
    expect(new Set(docs).size).toBe(4);
    expect(docs.slice(1)).toEqual(expect.arrayContaining([10, 11]));
    expect([12, 13, 14]).toContain(docs.find((d) => d !== 3 && d !== 10 && d !== 11));
  });

  it('take fewer denoised negatives when few are clean, and top a short pool up with random glosses other than the positive', () => {
    const [{ docs }] = hybridLists([query(0)], [[5]], () => false, { size: 5, denoised: 3, corpus: 6, seed: 2 });
    expect(docs[0]).toBe(0);
    expect(docs).toContain(5);
    expect(new Set(docs).size).toBe(5);
    expect(docs.slice(1).every((d) => d > 0 && d < 6)).toBe(true);
  });
});
