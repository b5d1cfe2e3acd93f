/**
 * What every browser test needs: the built site served on loopback, Debian's
 * Chromium driven by playwright-core, and a page that records what a reader
 * would never want to see (console errors, requests leaving the site's origin).
 */
import { createServer, type Server } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { constants as zlib, createBrotliCompress, createGzip } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');

/** The two builds the test command produces: `npm run build` and `npm run build:base`. */
export const builds = {
  root: { dir: join(root, 'dist'), base: '/' },
  sub: { dir: join(root, 'dist-base'), base: '/notes/' },
} as const;

const mime: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.webmanifest': 'application/manifest+json',
};

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Types a static host compresses; images, fonts and wasm binaries go as they are. */
const compressible = /^(text\/|application\/(json|xml|manifest\+json)|image\/svg\+xml)/;

/**
 * The body of a response, compressed as a static host does when `compress` is
 * set and the browser accepts brotli or gzip (Lighthouse penalises a text asset
 * sent without Content-Encoding).
 */
function encodedBody(file: string, type: string, accepted: string, compress: boolean): { stream: NodeJS.ReadableStream; encoding?: string } {
  const raw = createReadStream(file);
  if (!compress || !compressible.test(type)) return { stream: raw };
  if (/\bbr\b/.test(accepted)) return { stream: raw.pipe(createBrotliCompress({ params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } })), encoding: 'br' };
  if (/\bgzip\b/.test(accepted)) return { stream: raw.pipe(createGzip()), encoding: 'gzip' };
  return { stream: raw };
}

/**
 * Serves `dir` under `base` the way a static host does (directory → index.html,
 * and with `compress`, brotli or gzip for text). Written by hand because it is
 * thirty lines and must behave exactly like the hosts the site targets,
 * including 404s outside the base.
 */
export async function serve(dir: string, base = '/', options: { compress?: boolean } = {}): Promise<Served> {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`${dir} has no built site: run "npm run build" (and "npm run build:base" for the sub-path build) first.`);
  }
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(base)) {
      res.writeHead(404).end('outside base');
      return;
    }
    let file = normalize(join(dir, path.slice(base.length)));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      const notFound = join(dir, '404.html');
      res.writeHead(404, { 'content-type': mime['.html'] });
      if (existsSync(notFound)) createReadStream(notFound).pipe(res);
      else res.end('not found');
      return;
    }
    const type = mime[extname(file)] ?? 'application/octet-stream';
    const { stream, encoding } = encodedBody(file, type, String(req.headers['accept-encoding'] ?? ''), options.compress ?? false);
    res.writeHead(200, { 'content-type': type, ...(encoding ? { 'content-encoding': encoding, vary: 'Accept-Encoding' } : {}) });
    stream.pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        // A browser still holding keep-alive connections would keep close() waiting.
        server.closeAllConnections();
      }),
  };
}

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}. Install Debian's (apt-get install -y chromium fonts-wqy-microhei) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught page errors, as text. */
  consoleErrors: string[];
  /** Every request to another origin (they are blocked, and recorded). */
  offOriginRequests: string[];
  /** Same-origin responses with status >= 400 (broken links and assets). */
  failedResponses: string[];
}

export async function openPage(browser: Browser, url: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<OpenedPage> {
  const origin = new URL(url).origin;
  const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light' });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const offOriginRequests: string[] = [];
  const failedResponses: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`uncaught: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400 && res.url().startsWith(origin)) failedResponses.push(`${res.status()} ${res.url()}`);
  });
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith(origin) || target.startsWith('data:') || target.startsWith('blob:')) return route.continue();
    offOriginRequests.push(target);
    return route.abort();
  });
  await page.goto(url);
  return { page, consoleErrors, offOriginRequests, failedResponses };
}

/**
 * Presses a cell's Run button and waits for this run's end state, one of
 * `ended`: the state is watched from just before the click, so a cell already
 * in an end state (a second failing run, say) does not count until the run
 * sets it again. Returns the output's text.
 */
export async function runCellAndWait(cell: Locator, ended: string[], timeoutMs: number): Promise<string> {
  type Watched = HTMLElement & { runEnded?: Promise<void> };
  // Installed (and awaited) before the click, so no state change of this run is missed.
  await cell.evaluate(
    (element: Watched, { ended, timeoutMs }) => {
      element.runEnded = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "${ended.join('" or "')}" state ${timeoutMs / 1000} s after Run (now ${element.getAttribute('data-cell-state')})`)),
          timeoutMs,
        );
        const observer = new MutationObserver(() => {
          if (!ended.includes(element.getAttribute('data-cell-state') ?? '')) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve();
        });
        observer.observe(element, { attributes: true, attributeFilter: ['data-cell-state'] });
      });
    },
    { ended, timeoutMs },
  );
  await cell.getByRole('button', { name: 'Run cell', exact: true }).click();
  await cell.evaluate((element: Watched) => element.runEnded);
  return (await cell.locator('[data-cell-output]').textContent()) ?? '';
}
