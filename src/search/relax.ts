/**
 * A relaxed pass for queries Pagefind's AND search all but misses. Pagefind
 * keeps only pages that match every word, so a reader's paraphrase or
 * question ("fix typos that shoppers make in the search box") finds nothing
 * when one word is absent from the page that answers it. This module picks the
 * words worth searching one by one and merges their results by summed score,
 * the OR-of-BM25 a classic engine would give; the engine does the searching.
 */
import { eng, zho } from 'stopword';

/** Published English and Chinese stop-word lists: words that match most pages and say nothing of a topic. */
const stopWords = new Set([...eng, ...zho]);

/**
 * Pagefind reads a short Latin word as a prefix of every word it begins, so
 * "a" or "in" match most of the index and take ~100 ms each; a word of three
 * characters or more is specific enough to search alone.
 */
const shortestLatinWord = 3;

// One segmenter for both languages: 'zh' splits Chinese into words and still
// splits Latin text at spaces and punctuation, so a mixed query keeps both kinds.
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** The query's words that are worth a search of their own: lowercased, in order, each once. */
export function relaxedWords(term: string): string[] {
  const words = [...segmenter.segment(term)]
    .filter((segment) => segment.isWordLike)
    .map((segment) => segment.segment.toLowerCase())
    .filter((word) => !stopWords.has(word))
    .filter((word) => !/^[a-z0-9]+$/.test(word) || word.length >= shortestLatinWord);
  return [...new Set(words)];
}

/** Anything Pagefind ranks: its fragment id and its score for one search. */
export interface Scored {
  id: string;
  score: number;
}

/**
 * The AND results first, in Pagefind's order, then the pages that only some
 * words found, by the sum of their scores over those words; at most `limit`.
 */
export function relaxedRanking<T extends Scored>(all: readonly T[], perWord: readonly (readonly T[])[], limit: number): T[] {
  const seen = new Set(all.map((result) => result.id));
  const summed = new Map<string, { result: T; score: number }>();
  for (const results of perWord) {
    for (const result of results) {
      if (seen.has(result.id)) continue;
      const entry = summed.get(result.id);
      if (entry) entry.score += result.score;
      else summed.set(result.id, { result, score: result.score });
    }
  }
  const extra = [...summed.values()].sort((a, b) => b.score - a.score).map((entry) => entry.result);
  return [...all, ...extra].slice(0, limit);
}
