/**
 * wn-sts: pairs of noun or verb definitions scored by the Wu–Palmer similarity
 * of their synsets. Random pairs almost all score low, so candidates come from
 * several neighbourhoods (parent/child, grandparent, siblings, cousins, other
 * senses of a lemma, same lexicographer class, random) and are kept by score
 * bin until every tenth of [0, 1] holds the same share of pairs.
 */
import type { StsDataset, StsPair } from '../../notebooks/data.ts';
import { pick, shuffled, streamFor, type Random } from './prng.ts';
import { assignSplits, splitNames, uniqueByText, type Split } from './splits.ts';
import { Taxonomy } from './taxonomy.ts';
import type { Synset, WordNet } from './wordnet.ts';

export interface StsSizes {
  train: number;
  dev: number;
  test: number;
}

export const stsBins = 10;
/** How often one synset may appear in a split's pairs, so a few hubs do not dominate. */
const maxUsesPerSynset = 3;

function binOf(score: number): number {
  return Math.min(stsBins - 1, Math.floor(score * stsBins));
}

/** Definitions short enough to read and long enough to say something. */
function usable(s: Synset): boolean {
  const words = s.definition.split(' ').length;
  return (s.pos === 'n' || s.pos === 'v') && words >= 3 && s.definition.length <= 200;
}

type Strategy = (s: Synset) => Synset | undefined;

function strategies(random: Random, members: Synset[], taxonomy: Taxonomy, children: Map<string, string[]>, wordnet: WordNet, inSplit: (id: string) => Synset | undefined): Strategy[] {
  const byClass = new Map<number, Synset[]>();
  for (const s of members) {
    const list = byClass.get(s.lexname);
    if (list) list.push(s);
    else byClass.set(s.lexname, [s]);
  }
  const up = (id: string) => taxonomy.hypernyms(id);
  const down = (id: string) => children.get(id) ?? [];
  const choose = (ids: readonly string[]) => (ids.length ? inSplit(pick(random, ids)) : undefined);
  return [
    () => pick(random, members),
    (s) => pick(random, byClass.get(s.lexname)!),
    (s) => choose(up(s.id)),
    (s) => {
      const parents = up(s.id);
      return parents.length ? choose(up(pick(random, parents))) : undefined;
    },
    (s) => {
      const parents = up(s.id);
      return parents.length ? choose(down(pick(random, parents))) : undefined;
    },
    (s) => {
      const parents = up(s.id);
      const grand = parents.length ? up(pick(random, parents)) : [];
      const uncles = grand.length ? down(pick(random, grand)) : [];
      return uncles.length ? choose(down(pick(random, uncles))) : undefined;
    },
    (s) => choose(down(s.id)),
    (s) => choose(s.lemmas.flatMap((l) => wordnet.senses.get(l.toLowerCase()) ?? []).filter((id) => id[0] === s.pos)),
  ];
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function buildSts(wordnet: WordNet, seed: number, sizes: StsSizes, version: string): StsDataset {
  const taxonomy = new Taxonomy(wordnet);
  const children = taxonomy.hyponymIndex(wordnet.synsets);
  const pool = uniqueByText(wordnet.synsets.filter(usable), (s) => s.definition);
  const split = assignSplits(streamFor(seed, 'sts-split'), pool.map((s) => s.id), { dev: 0.1, test: 0.1 });
  const dataset: StsDataset = { name: 'wn-sts', version, train: [], dev: [], test: [] };
  for (const name of splitNames) {
    const random = streamFor(seed, `sts-pairs-${name}`);
    const members = pool.filter((s) => split.get(s.id) === name);
    const memberIds = new Map(members.map((s) => [s.id, s]));
    const inSplit = (id: string) => memberIds.get(id);
    dataset[name] = samplePairs(random, members, strategies(random, members, taxonomy, children, wordnet, inSplit), taxonomy, sizes[name]);
  }
  return dataset;
}

function samplePairs(random: Random, members: Synset[], ways: Strategy[], taxonomy: Taxonomy, size: number): StsPair[] {
  const quota = Math.ceil(size / stsBins);
  const bins: StsPair[][] = Array.from({ length: stsBins }, () => []);
  const seen = new Set<string>();
  const uses = new Map<string, number>();
  const full = () => bins.every((b) => b.length >= quota);
  const maxAttempts = size * 400;
  for (let attempt = 0; attempt < maxAttempts && !full(); attempt++) {
    const a = pick(random, members);
    const b = ways[attempt % ways.length](a);
    if (!b || a.id === b.id || a.pos !== b.pos) continue;
    const key = a.id < b.id ? a.id + b.id : b.id + a.id;
    if (seen.has(key) || (uses.get(a.id) ?? 0) >= maxUsesPerSynset || (uses.get(b.id) ?? 0) >= maxUsesPerSynset) continue;
    const score = taxonomy.wuPalmer(a.id, b.id);
    const bin = bins[binOf(score)];
    if (bin.length >= quota) continue;
    seen.add(key);
    uses.set(a.id, (uses.get(a.id) ?? 0) + 1);
    uses.set(b.id, (uses.get(b.id) ?? 0) + 1);
    bin.push({ a: a.definition, b: b.definition, score: round3(score) });
  }
  return shuffled(random, bins.flat()).slice(0, size);
}

/** Pair counts per tenth of [0, 1], for the manifest. */
export function stsHistogram(pairs: readonly StsPair[]): number[] {
  const counts = new Array(stsBins).fill(0);
  for (const p of pairs) counts[binOf(p.score)]++;
  return counts;
}

export type { Split };
