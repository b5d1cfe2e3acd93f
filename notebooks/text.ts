/**
 * Text to features: tokens, hashed character n-grams and words.
 *
 * Feature hashing keeps the model's input size fixed without a vocabulary file,
 * so a page can train on any text it is given.
 */

/** Lower-cased runs of Unicode letters and digits; everything else (punctuation, spaces, symbols) separates them. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * 32-bit FNV-1a over the string's UTF-16 code units (not its UTF-8 bytes):
 * each unit is XORed in whole, so ASCII text hashes exactly as byte-wise
 * FNV-1a does, "é" (U+00E9) hashes as the single byte 0xE9 would, and a
 * character outside the BMP counts as its two surrogates. Kept so because
 * every feature index, and so every trained page, depends on these values.
 * Fast, stable across Node and browsers, good enough spread for hashing features.
 */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export interface FeatureOptions {
  /** Number of hash buckets. */
  dim: number;
  /** Character n-gram sizes taken inside each word padded with "<" and ">". */
  charNgrams: number[];
  /** Whether whole words are features too. */
  words: boolean;
  /** Whether adjacent word pairs are features too. */
  wordBigrams: boolean;
}

export const defaultFeatureOptions: FeatureOptions = { dim: 1 << 14, charNgrams: [3, 4], words: true, wordBigrams: false };

/** Hashed feature indices of one text; an index repeats as often as its feature occurs. */
export function hashedFeatures(text: string, options: FeatureOptions = defaultFeatureOptions): number[] {
  const tokens = tokenize(text);
  const out: number[] = [];
  const add = (feature: string) => out.push(hashString(feature) % options.dim);
  for (const token of tokens) {
    if (options.words) add(`w:${token}`);
    const padded = `<${token}>`;
    for (const n of options.charNgrams) {
      for (let i = 0; i + n <= padded.length; i++) add(`c${n}:${padded.slice(i, i + n)}`);
    }
  }
  if (options.wordBigrams) {
    for (let i = 0; i + 1 < tokens.length; i++) add(`b:${tokens[i]} ${tokens[i + 1]}`);
  }
  return out;
}

/** Reserved token ids for sequence encoders. */
export const PAD = 0;
export const CLS = 1;

/**
 * Word ids for a sequence encoder: hashed into [2, vocab), [CLS] first, padded
 * with PAD to `maxLen`. Returns the ids and the number of real positions.
 */
export function tokenIds(text: string, vocab: number, maxLen: number): { ids: number[]; length: number } {
  const ids = [CLS];
  for (const token of tokenize(text)) {
    if (ids.length >= maxLen) break;
    ids.push(2 + (hashString(token) % (vocab - 2)));
  }
  const length = ids.length;
  while (ids.length < maxLen) ids.push(PAD);
  return { ids, length };
}
