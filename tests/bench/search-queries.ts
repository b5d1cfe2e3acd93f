/** The reader queries of tests/fixtures/search-queries.json, typed. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ReaderQuery {
  id: string;
  query: string;
  /** English site paths; the Chinese twin of each counts as the same answer. */
  answers: string[];
  lang: 'en' | 'zh' | 'mixed';
  /** The locale of the page the reader types on. */
  from: 'en' | 'zh-cn';
  kind: 'keyword' | 'paraphrase' | 'question' | 'original-title' | 'mixed' | 'cross-language';
  split: 'dev' | 'test';
}

export function loadQueries(): ReaderQuery[] {
  const file = resolve(import.meta.dirname, '../fixtures/search-queries.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { queries: ReaderQuery[] }).queries;
}
