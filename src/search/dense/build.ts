/**
 * The build step of dense search: read every built page, train the retriever
 * on them and write its file where the browser fetches it.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
// Imported here, not on demand: Astro closes its module runner before build:done hooks run.
import '@tensorflow/tfjs-backend-wasm';
import { readPage, type PageDoc } from './corpus.ts';
import { trainDenseIndex } from './train.ts';
import { denseIndexPath, packIndex } from './model.ts';

/** Site path of a built file: papers/x/index.html → /papers/x/. */
const sitePath = (file: string) => `/${file.replace(/index\.html$/, '')}`;

export async function writeDenseIndex(root: string): Promise<string> {
  const pages: PageDoc[] = [];
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('index.html')).sort();
  for (const name of files) {
    const page = readPage(readFileSync(join(root, name), 'utf8'), sitePath(name));
    if (page) pages.push(page);
  }
  // The cells' build runner may have chosen tfjs's WASM backend already; if not, it is faster than plain JS here too.
  if (tf.getBackend() !== 'wasm') await tf.setBackend('wasm').catch(() => tf.setBackend('cpu'));
  const { index, pairs, seconds } = await trainDenseIndex(pages);
  const packed = packIndex(index);
  const out = join(root, denseIndexPath);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, packed);
  return (
    `dense retriever trained on ${pairs} pairs from ${pages.length} pages in ${seconds.toFixed(1)} s (${tf.getBackend()}); ` +
    `${denseIndexPath}: ${(gzipSync(packed).length / 1024).toFixed(1)} KB gzip`
  );
}
