/**
 * Offline reading: a registration script on every page (register.ts), and the
 * service worker written into the built site once everything else, search
 * index included, is there (its version hashes the finished output). List it
 * after Starlight in astro.config.mjs: Starlight writes the search index in
 * its own build-done hook.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { workerFile, writeServiceWorker } from './build.ts';

const register = fileURLToPath(new URL('./register.ts', import.meta.url));

export default function offlineReading(): AstroIntegration {
  let base = '/';
  return {
    name: 'offline-reading',
    hooks: {
      'astro:config:setup': ({ config, injectScript }) => {
        base = config.base.replace(/\/?$/, '/');
        injectScript('page', `import ${JSON.stringify(register)};`);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const offline = await writeServiceWorker(fileURLToPath(dir), base);
        logger.info(`${workerFile}: version ${offline.version}, cell runtime of ${offline.runtime.length} files`);
      },
    },
  };
}
