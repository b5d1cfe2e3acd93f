/**
 * One Chromium and one static server per test file: registers the hooks that
 * start them before the file's tests and close both after.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { builds, launch, serve, type Served } from './harness.ts';

export interface SiteSession {
  browser: Browser;
  site: Served;
}

export function useBuiltSite(build: { dir: string; base: string } = builds.root): SiteSession {
  const session = {} as SiteSession;
  beforeAll(async () => {
    session.browser = await launch();
    session.site = await serve(build.dir, build.base);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.site?.close();
  });
  return session;
}
