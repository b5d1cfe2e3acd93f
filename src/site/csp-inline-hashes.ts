/**
 * Astro's `security.csp` hashes the scripts Astro itself bundles, but not the
 * `is:inline` scripts of Starlight's components (theme picker, search
 * shortcut, sidebar state), which the policy then blocks. After the build,
 * this adds the hash of every inline script a page carries to that page's own
 * policy, so the policy allows exactly the inline code the site ships. A built
 * page without a policy fails the build: every page must have one.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const policyPattern = /(<meta http-equiv="content-security-policy" content=")([^"]*)(")/;
const inlineScriptPattern = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? htmlFiles(join(dir, entry.name)) : entry.name.endsWith('.html') ? [join(dir, entry.name)] : [],
  );
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The page with every inline script's hash in its script-src; throws if the page has no policy. */
export function hashInlineScripts(html: string, file: string): string {
  const policy = policyPattern.exec(html);
  if (!policy) throw new Error(`${file} has no Content-Security-Policy meta element`);
  const hashes = [...html.matchAll(inlineScriptPattern)].map((match) => sha256(match[1])).filter((hash) => !policy[2].includes(hash));
  if (hashes.length === 0) return html;
  const updated = policy[2].replace(/script-src ([^;]*)/, (_all, sources: string) => `script-src ${sources} ${[...new Set(hashes)].join(' ')}`);
  return html.replace(policyPattern, `$1${updated}$3`);
}

export default function cspInlineHashes(): AstroIntegration {
  return {
    name: 'csp-inline-hashes',
    hooks: {
      'astro:build:done': ({ dir }) => {
        for (const file of htmlFiles(fileURLToPath(dir))) {
          const html = readFileSync(file, 'utf8');
          const updated = hashInlineScripts(html, file);
          if (updated !== html) writeFileSync(file, updated);
        }
      },
    },
  };
}
