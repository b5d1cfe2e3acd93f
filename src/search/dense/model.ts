/**
 * The dense retriever as the browser runs it: the query encoder (hashed
 * n-gram bag → tanh → linear, the notebooks' BagEncoder) and one unit vector
 * per page, as small integers with one scale per tensor, in one binary file. Plain
 * arithmetic, no TensorFlow.js: encoding one query is a few hundred row reads
 * and a 32×32 product, and the library would cost more bytes than the model.
 */
import { hashedFeatures, type FeatureOptions } from '../../../notebooks/text.ts';

/** Where the dense index is served from, relative to the site's base. */
export const denseIndexPath = 'search/dense.bin';

/** Character 2- and 3-grams reach inside Chinese runs (the tokenizer keeps a run of Han characters whole). */
export const denseFeatures: FeatureOptions = { dim: 4096, charNgrams: [2, 3], words: true, wordBigrams: false };

export interface DensePage {
  /** Site path without base, e.g. /zh-cn/papers/cosent/. */
  path: string;
  title: string;
  /** The page's id in Pagefind's index (its fragment file's name), when Pagefind indexed it. */
  fragment?: string;
}

export interface DenseIndex {
  hidden: number;
  dim: number;
  table: Int8Array;
  tableScale: number;
  projection: Float32Array;
  bias: Float32Array;
  pages: DensePage[];
  vectors: Int8Array;
  vectorScale: number;
}

/** The query's unit vector: mean of its features' rows, tanh, projection, bias, normalised. */
export function encodeQuery(index: DenseIndex, text: string): Float32Array {
  const { hidden, dim, table, tableScale, projection, bias } = index;
  const feats = hashedFeatures(text, denseFeatures);
  const h = new Float32Array(hidden);
  for (const f of feats) for (let j = 0; j < hidden; j++) h[j] += table[f * hidden + j];
  const n = Math.max(feats.length, 1);
  for (let j = 0; j < hidden; j++) h[j] = Math.tanh((h[j] * tableScale) / n);
  const out = new Float32Array(dim);
  let norm = 0;
  for (let d = 0; d < dim; d++) {
    let s = bias[d];
    for (let j = 0; j < hidden; j++) s += h[j] * projection[j * dim + d];
    out[d] = s;
    norm += s * s;
  }
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dim; d++) out[d] /= norm;
  return out;
}

/** The k pages whose vectors have the largest dot product with the query's. */
export function nearestPages(index: DenseIndex, text: string, k: number): { page: DensePage; score: number }[] {
  const q = encodeQuery(index, text);
  const { dim, vectors, vectorScale, pages } = index;
  const scores = pages.map((page, i) => {
    let s = 0;
    for (let d = 0; d < dim; d++) s += q[d] * vectors[i * dim + d];
    return { page, score: s * vectorScale };
  });
  return scores.sort((a, b) => b.score - a.score).slice(0, k);
}

/**
 * The feature table's integer range, ±7: four bits a weight, two to a byte in
 * the file. The table is most of the bytes fetched on first search, and int8
 * weights barely compress (115 KB gzip of 128 KB); page vectors stay int8.
 */
export const tableLevels = 7;

/** Symmetric integers in ±levels with one scale: values beyond the clip saturate. */
export function quantize(values: Float32Array, clip: number, levels = 127): { data: Int8Array; scale: number } {
  const scale = clip / levels;
  const data = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = Math.max(-levels, Math.min(levels, Math.round(values[i] / scale)));
  return { data, scale };
}

/** Two table weights a byte, low nibble first, each stored as weight + 8. */
function packNibbles(table: Int8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(table.length / 2));
  for (let i = 0; i < table.length; i++) out[i >> 1] |= (table[i] + 8) << ((i & 1) * 4);
  return out;
}

function unpackNibbles(bytes: Uint8Array, length: number): Int8Array {
  const out = new Int8Array(length);
  for (let i = 0; i < length; i++) out[i] = ((bytes[i >> 1] >> ((i & 1) * 4)) & 15) - 8;
  return out;
}

/**
 * File layout: 4-byte length of a JSON header (sizes, scales, pages), the
 * header, then the 4-bit table (weights in ±tableLevels), the int8 page
 * vectors, and float32 projection and bias, each aligned to 4 bytes.
 */
export function packIndex(index: DenseIndex): Uint8Array {
  if (index.table.some((w) => Math.abs(w) > tableLevels)) throw new RangeError(`dense table weights must lie in ±${tableLevels}`);
  const header = new TextEncoder().encode(
    JSON.stringify({ hidden: index.hidden, dim: index.dim, tableScale: index.tableScale, vectorScale: index.vectorScale, pages: index.pages }),
  );
  const table = packNibbles(index.table);
  const pad = (n: number) => (4 - (n % 4)) % 4;
  const start = 4 + header.length + pad(4 + header.length);
  const tableEnd = start + table.length;
  const vectorsEnd = tableEnd + index.vectors.length;
  const floatsAt = vectorsEnd + pad(vectorsEnd);
  const out = new Uint8Array(floatsAt + 4 * (index.projection.length + index.bias.length));
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  out.set(table, start);
  out.set(new Uint8Array(index.vectors.buffer, index.vectors.byteOffset, index.vectors.length), tableEnd);
  const floats = new Float32Array(out.buffer, floatsAt, index.projection.length + index.bias.length);
  floats.set(index.projection);
  floats.set(index.bias, index.projection.length);
  return out;
}

export function unpackIndex(buffer: ArrayBuffer): DenseIndex {
  const length = new DataView(buffer).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, length))) as Omit<DenseIndex, 'table' | 'vectors' | 'projection' | 'bias'>;
  const pad = (n: number) => (4 - (n % 4)) % 4;
  const start = 4 + length + pad(4 + length);
  const tableLength = header.hidden * denseFeatures.dim;
  const tableBytes = Math.ceil(tableLength / 2);
  const vectorsLength = header.pages.length * header.dim;
  const vectorsEnd = start + tableBytes + vectorsLength;
  const floatsAt = vectorsEnd + pad(vectorsEnd);
  const floats = new Float32Array(buffer, floatsAt, header.hidden * header.dim + header.dim);
  return {
    ...header,
    table: unpackNibbles(new Uint8Array(buffer, start, tableBytes), tableLength),
    vectors: new Int8Array(buffer, start + tableBytes, vectorsLength),
    projection: floats.slice(0, header.hidden * header.dim),
    bias: floats.slice(header.hidden * header.dim),
  };
}
