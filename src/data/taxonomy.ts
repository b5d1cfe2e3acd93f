/**
 * The noun and verb hypernym hierarchies and Wu–Palmer similarity over them.
 *
 * wup(a, b) = 2·depth(c) / (len(a, c) + len(b, c) + 2·depth(c)), maximised over
 * the common hypernyms c, where len is the number of hypernym links from a
 * synset up to c and depth(c) counts the nodes from the root down to c
 * (the root has depth 1). Verbs have many roots, so a virtual root joins them
 * (as NLTK's `simulate_root` does): two unrelated verbs still get a small score.
 */
import type { Synset, WordNet } from './wordnet.ts';

const hypernymSymbols = new Set(['@', '@i']);
const virtualRoot = '*root*';

export class Taxonomy {
  private readonly parents = new Map<string, string[]>();
  private readonly depths = new Map<string, number>();
  private readonly ancestorCache = new Map<string, Map<string, number>>();

  constructor(wordnet: WordNet) {
    for (const s of wordnet.synsets) {
      if (s.pos !== 'n' && s.pos !== 'v') continue;
      const up = s.pointers.filter((p) => hypernymSymbols.has(p.symbol)).map((p) => p.target);
      this.parents.set(s.id, up.length > 0 ? up : s.pos === 'v' ? [virtualRoot] : []);
    }
    this.parents.set(virtualRoot, []);
  }

  has(id: string): boolean {
    return this.parents.has(id) && id !== virtualRoot;
  }

  hypernyms(id: string): readonly string[] {
    return (this.parents.get(id) ?? []).filter((p) => p !== virtualRoot);
  }

  /** Nodes on the shortest hypernym path from the root down to `id`, both included. */
  depth(id: string): number {
    const known = this.depths.get(id);
    if (known !== undefined) return known;
    const up = this.parents.get(id);
    if (!up) throw new Error(`${id} is not in the noun or verb hierarchy`);
    const d = up.length === 0 ? 1 : 1 + Math.min(...up.map((p) => this.depth(p)));
    this.depths.set(id, d);
    return d;
  }

  /** Every hypernym of `id` (itself included) with its distance in links, by breadth-first search. */
  ancestors(id: string): Map<string, number> {
    const cached = this.ancestorCache.get(id);
    if (cached) return cached;
    const distance = new Map<string, number>([[id, 0]]);
    const queue = [id];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head];
      for (const p of this.parents.get(node) ?? []) {
        if (distance.has(p)) continue;
        distance.set(p, distance.get(node)! + 1);
        queue.push(p);
      }
    }
    this.ancestorCache.set(id, distance);
    return distance;
  }

  /** Wu–Palmer similarity in [0, 1]; 0 when the synsets share no hypernym (e.g. a noun and a verb). */
  wuPalmer(a: string, b: string): number {
    const up = this.ancestors(a);
    const other = this.ancestors(b);
    let best = 0;
    for (const [node, da] of up) {
      const db = other.get(node);
      if (db === undefined) continue;
      const d = this.depth(node);
      best = Math.max(best, (2 * d) / (da + db + 2 * d));
    }
    return best;
  }

  /** Children lists for walking down the hierarchy (siblings, cousins). */
  hyponymIndex(synsets: readonly Synset[]): Map<string, string[]> {
    const children = new Map<string, string[]>();
    for (const s of synsets) {
      for (const p of this.hypernyms(s.id)) {
        const list = children.get(p);
        if (list) list.push(s.id);
        else children.set(p, [s.id]);
      }
    }
    return children;
  }
}
