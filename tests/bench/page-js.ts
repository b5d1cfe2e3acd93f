/**
 * JavaScript a reader downloads (gzip) on one page: every script response, and
 * every inline script, counted once each. "Before interaction" is the page
 * loaded and left alone; `scrollTo` scrolls an element into view first and
 * waits for the network to go quiet again (what a reader who reads on pays).
 */
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

export interface PageJs {
  /** Total gzip bytes. */
  bytes: number;
  files: string[];
  externalBytes: number;
  inlineBytes: number;
}

export async function pageJs(browser: Browser, url: string, options: { scrollTo?: string } = {}): Promise<PageJs> {
  // A fresh context with the listener attached before the first request: every script is counted once.
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const bodies: Promise<Buffer>[] = [];
    const files: string[] = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      // Module workers' scripts are counted too: a worker is code the page chose to load.
      if (type === 'script' || (type === 'other' && /\.m?js(\?|$)/.test(response.url()))) {
        files.push(new URL(response.url()).pathname);
        bodies.push(response.body());
      }
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    if (options.scrollTo) {
      await page.locator(options.scrollTo).first().scrollIntoViewIfNeeded();
      await page.waitForLoadState('networkidle');
      // An IntersectionObserver callback and the import it starts come after the scroll settles.
      await page.waitForTimeout(500);
      await page.waitForLoadState('networkidle');
    }
    const externalBytes = (await Promise.all(bodies)).reduce((sum, body) => sum + gzipSync(body).length, 0);
    const inline = await page.$$eval('script:not([src])', (els) => els.map((e) => e.textContent ?? ''));
    const inlineBytes = inline.reduce((sum, text) => sum + (text ? gzipSync(text).length : 0), 0);
    return { bytes: externalBytes + inlineBytes, files, externalBytes, inlineBytes };
  } finally {
    await context.close();
  }
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
