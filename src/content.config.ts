import { defineCollection } from 'astro:content';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { noteFields } from './site/frontmatter';

export const collections = {
  // Starlight's own zh-CN strings leave a few labels in English; src/content/i18n fills them.
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
  // `src/content/docs` is a symlink to the top-level `content/`: Starlight's
  // sidebar, asides and locale detection assume that path (DESIGN.md, stack facts).
  docs: defineCollection({
    loader: docsLoader(),
    schema: docsSchema({
      extend: noteFields,
    }),
  }),
};
