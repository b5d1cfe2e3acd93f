/**
 * Share links: the edited code of a page's cells, deflated and base64url-encoded
 * into the URL fragment. The fragment never reaches the server, and opening a
 * link only loads the code into the cells: nothing runs until the reader asks.
 */

/** Starts the fragment of a share link; the loader looks for it without loading this module's code. */
export const sharePrefix = 'cells=';

/**
 * Decoded code a link may carry. Deflate packs repetitive text a thousandfold,
 * so a small link can inflate to enough code to freeze the page: the limit is
 * checked while inflating, and the link is refused as soon as it is passed.
 */
export const maxSharedBytes = 256 * 1024;
/** A fragment longer than this cannot hold a link within the limit worth decoding. */
const maxFragmentChars = 2 * maxSharedBytes;

export type SharedCode = Record<string, string>;

export class ShareTooLargeError extends Error {
  constructor() {
    super(`the share link carries more than ${maxSharedBytes} bytes of code`);
  }
}

async function pipeBytes(bytes: Uint8Array, transform: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(transform).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new ShareTooLargeError();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

// Uint8Array.toBase64 is too recent to rely on; btoa over a binary string is the portable route.
function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** The fragment (without '#') that carries `code`, keyed by cell id. */
export async function encodeShare(code: SharedCode): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(code));
  return sharePrefix + toBase64Url(await pipeBytes(json, new CompressionStream('deflate-raw')));
}

/**
 * The cells' code carried by a URL fragment, or undefined when the fragment is
 * not a share link. A damaged link throws, and one over the size limit throws
 * ShareTooLargeError, so the page can say which.
 */
export async function decodeShare(hash: string): Promise<SharedCode | undefined> {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!fragment.startsWith(sharePrefix)) return undefined;
  if (fragment.length > maxFragmentChars) throw new ShareTooLargeError();
  const bytes = await pipeBytes(fromBase64Url(fragment.slice(sharePrefix.length)), new DecompressionStream('deflate-raw'), maxSharedBytes);
  const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a cell share link');
  const code: SharedCode = {};
  for (const [id, text] of Object.entries(parsed)) {
    if (typeof text !== 'string') throw new Error('not a cell share link');
    code[id] = text;
  }
  return code;
}

/** The page's address carrying `code`, without any previous fragment. */
export async function shareUrl(location: Location, code: SharedCode): Promise<string> {
  return `${location.origin}${location.pathname}${location.search}#${await encodeShare(code)}`;
}
