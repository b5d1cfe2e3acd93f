/**
 * `npm run data`: writes the datasets, their manifest and WordNet's licence to
 * public/data/ (served by the site as /data/, read by Node through node-source.ts).
 * Skips the work when the manifest already carries the current version and
 * every file it lists is there; `--force` rebuilds anyway.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAll } from './build-all.ts';
import { licenceFile, manifestFile, type DataManifest } from './manifest.ts';
import { dataDir } from './node-source.ts';
import { seed } from './variants.ts';
import { dataVersion } from './version.ts';
import { loadWordNet, wordnetLicence, wordnetPackageVersion } from './wordnet.ts';

function upToDate(dir: string, version: string): boolean {
  const path = join(dir, manifestFile);
  if (!existsSync(path)) return false;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as DataManifest;
  if (manifest.version !== version) return false;
  const listed = Object.values(manifest.datasets).flatMap((bySize) => Object.values(bySize).map((s) => s.file));
  return [...listed, licenceFile].every((file) => existsSync(join(dir, file)));
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KB`;
}

export function main(argv: string[]): void {
  const started = performance.now();
  const dir = dataDir();
  const version = dataVersion(wordnetPackageVersion(), seed);
  if (!argv.includes('--force') && upToDate(dir, version)) {
    console.log(`data: ${dir} is up to date (version ${version}); nothing to do.`);
    return;
  }
  const built = buildAll(loadWordNet(), seed, version);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of built.files) writeFileSync(join(dir, file), text);
  writeFileSync(join(dir, licenceFile), wordnetLicence());
  writeFileSync(join(dir, manifestFile), JSON.stringify(built.manifest, null, 2) + '\n');
  for (const bySize of Object.values(built.manifest.datasets)) {
    for (const stats of Object.values(bySize)) {
      const counts = Object.entries(stats.counts).map(([k, v]) => `${k} ${v}`).join(', ');
      console.log(`data: ${stats.file.padEnd(24)} ${kb(stats.bytes).padStart(9)} raw ${kb(stats.gzipBytes).padStart(8)} gzip  (${counts})`);
    }
  }
  console.log(`data: version ${version} written to ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.main) main(process.argv.slice(2));
