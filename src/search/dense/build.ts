/**
 * The build step of dense search: read every built page, train the retriever
 * on them and write its file where the browser fetches it, with each page's
 * Pagefind fragment id, so the search box can place Pagefind's results
 * without reading a fragment for each.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
// Imported here, not on demand: Astro closes its module runner before build:done hooks run.
import '@tensorflow/tfjs-backend-wasm';
import { readPage, type PageDoc } from './corpus.ts';
import { trainDenseIndex } from './train.ts';
import { denseIndexPath, packIndex } from './model.ts';

/** Site path of a built file: papers/x/index.html → /papers/x/. */
const sitePath = (file: string) => `/${file.replace(/index\.html$/, '')}`;

/** Pagefind's fragment id of each indexed page, by site path: a fragment is gzip of "pagefind_dcd" and JSON. */
export function pagefindFragments(root: string): Map<string, string> {
  const dir = join(root, 'pagefind/fragment');
  const ids = new Map<string, string>();
  if (!existsSync(dir)) return ids;
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.pf_fragment')) continue;
    const text = gunzipSync(readFileSync(join(dir, name))).toString('utf8');
    const { url } = JSON.parse(text.slice(text.indexOf('{'))) as { url: string };
    ids.set(url, name.slice(0, -'.pf_fragment'.length));
  }
  return ids;
}

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
  const fragments = pagefindFragments(root);
  const packed = packIndex({ ...index, pages: index.pages.map((page) => ({ ...page, fragment: fragments.get(page.path) })) });
  const out = join(root, denseIndexPath);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, packed);
  return (
    `dense retriever trained on ${pairs} pairs from ${pages.length} pages in ${seconds.toFixed(1)} s (${tf.getBackend()}); ` +
    `${denseIndexPath}: ${(gzipSync(packed).length / 1024).toFixed(1)} KB gzip`
  );
}
