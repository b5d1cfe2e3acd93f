/**
 * Joins a site path onto the base the site is deployed under. Astro's
 * BASE_URL is '/' or the sub-path ('/notes/' or '/notes', depending on
 * configuration), so every join goes through here.
 */
export function withBase(path: string, base: string = import.meta.env.BASE_URL): string {
  return `${base.replace(/\/?$/, '/')}${path.replace(/^\//, '')}`;
}
