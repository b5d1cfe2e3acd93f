/**
 * Share links: the edited code of a page's cells, deflated and base64url-encoded
 * into the URL fragment. The fragment never reaches the server, and opening a
 * link only loads the code into the cells: nothing runs until the reader asks.
 */

const prefix = 'cells=';

export type SharedCode = Record<string, string>;

async function pipeBytes(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
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
  return prefix + toBase64Url(await pipeBytes(json, new CompressionStream('deflate-raw')));
}

/**
 * The cells' code carried by a URL fragment, or undefined when the fragment is
 * not a share link. A damaged link throws, so the page can say so.
 */
export async function decodeShare(hash: string): Promise<SharedCode | undefined> {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!fragment.startsWith(prefix)) return undefined;
  const bytes = await pipeBytes(fromBase64Url(fragment.slice(prefix.length)), new DecompressionStream('deflate-raw'));
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
