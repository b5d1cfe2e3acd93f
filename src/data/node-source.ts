/**
 * The data source for Node hosts (tests, the build-time kernel): reads the files
 * that `npm run data` wrote to public/data/.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSource } from '../../notebooks/data.ts';

/** public/data/ of this repository, wherever the process was started. */
export function dataDir(): string {
  return fileURLToPath(new URL('../../public/data/', import.meta.url));
}

export function nodeDataSource(dir = dataDir()): DataSource {
  return async (file) => {
    let text: string;
    try {
      text = await readFile(join(dir, file), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error(`Dataset file ${join(dir, file)} is missing: run npm run data`);
      }
      throw error;
    }
    return JSON.parse(text);
  };
}
