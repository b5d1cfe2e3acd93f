/**
 * On every page, and as little as possible: once the page is idle, load the
 * client that registers the offline-reading worker (offline-client.ts). In
 * `astro dev` there is no worker, and one left on this origin by
 * `astro preview` is removed, so it cannot serve a previous build's files.
 */
import { withBase } from '../site/base-url.ts';

if ('serviceWorker' in navigator) {
  if (import.meta.env.DEV) {
    void navigator.serviceWorker.getRegistration(withBase('')).then(async (registration) => {
      if (!registration || !(await registration.unregister())) return;
      // The page that found it is still served by it: load it once more without.
      if (navigator.serviceWorker.controller) location.reload();
    });
  } else {
    const start = () => void import('./offline-client.ts').then(({ keepForOffline }) => keepForOffline());
    const whenIdle = () => ('requestIdleCallback' in window ? requestIdleCallback(start, { timeout: 10_000 }) : setTimeout(start, 1000));
    if (document.readyState === 'complete') whenIdle();
    else addEventListener('load', whenIdle, { once: true });
  }
}
