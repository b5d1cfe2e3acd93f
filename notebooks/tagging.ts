/**
 * Sequence-labelling helpers for NER: spans ↔ BIO/BIOES tags, the transitions
 * each scheme allows, and Viterbi decoding of per-token log-probabilities under
 * those constraints (the most probable valid tag sequence of an independent
 * token classifier).
 */

/** An entity over tokens [start, end). */
export interface Span {
  start: number;
  end: number;
  type: string;
}

export type Scheme = 'BIO' | 'BIOES';

/** Tags of `n` tokens for non-overlapping `spans`. */
export function encodeSpans(spans: Span[], n: number, scheme: Scheme): string[] {
  const tags = new Array<string>(n).fill('O');
  for (const { start, end, type } of spans) {
    for (let i = start; i < end; i++) tags[i] = `I-${type}`;
    tags[start] = `B-${type}`;
    if (scheme === 'BIOES') {
      if (end - start === 1) tags[start] = `S-${type}`;
      else tags[end - 1] = `E-${type}`;
    }
  }
  return tags;
}

/** Spans read back from tags of either scheme; an I/E with no matching open entity starts a new one (the lenient CoNLL reading). */
export function decodeTags(tags: string[]): Span[] {
  const spans: Span[] = [];
  let open: Span | null = null;
  const close = (end: number) => {
    if (open) spans.push({ ...open, end });
    open = null;
  };
  tags.forEach((tag, i) => {
    const prefix = tag === 'O' ? 'O' : tag[0];
    const type = tag === 'O' ? '' : tag.slice(2);
    if (prefix === 'O') return close(i);
    if (prefix === 'B' || prefix === 'S' || !open || open.type !== type) {
      close(i);
      open = { start: i, end: i + 1, type };
    }
    if (prefix === 'S' || prefix === 'E') close(i + 1);
  });
  close(tags.length);
  return spans;
}

/** May tag `b` follow tag `a`? `a` may be 'START' (sentence start), `b` may be 'END' (sentence end). */
export function allowedTransition(a: string, b: string, scheme: Scheme): boolean {
  const pa = a === 'START' ? 'START' : a[0];
  const ta = a.slice(2);
  const pb = b === 'END' ? 'END' : b[0];
  const tb = b.slice(2);
  if (scheme === 'BIOES' && (pa === 'B' || pa === 'I')) return (pb === 'I' || pb === 'E') && ta === tb; // an entity is open
  if (pb === 'I') return scheme === 'BIO' && (pa === 'B' || pa === 'I') && ta === tb;
  if (pb === 'E') return false; // BIOES: E only inside an open entity, handled above
  return true;
}

/** Whether a whole tag sequence is valid in `scheme`. */
export function isValidSequence(tags: string[], scheme: Scheme): boolean {
  const all = ['START', ...tags, 'END'];
  return all.every((t, i) => i === 0 || allowedTransition(all[i - 1], t, scheme));
}

/** The highest-scoring valid tag sequence, for per-token scores `logProbs[i][k]` over `tagSet`. O(n·K²). */
export function constrainedViterbi(logProbs: number[][], tagSet: string[], scheme: Scheme): string[] {
  const K = tagSet.length;
  let score = tagSet.map((t, k) => (allowedTransition('START', t, scheme) ? logProbs[0][k] : -Infinity));
  const back: number[][] = [];
  for (let i = 1; i < logProbs.length; i++) {
    const pointers: number[] = [];
    score = tagSet.map((t, k) => {
      let best = -1;
      let bestScore = -Infinity;
      for (let j = 0; j < K; j++) {
        if (allowedTransition(tagSet[j], t, scheme) && score[j] > bestScore) {
          best = j;
          bestScore = score[j];
        }
      }
      pointers.push(best);
      return bestScore + logProbs[i][k];
    });
    back.push(pointers);
  }
  const final = score.map((s, k) => (allowedTransition(tagSet[k], 'END', scheme) ? s : -Infinity));
  let k = final.indexOf(Math.max(...final));
  const path = [k];
  for (let i = back.length - 1; i >= 0; i--) path.unshift((k = back[i][k]));
  return path.map((j) => tagSet[j]);
}
