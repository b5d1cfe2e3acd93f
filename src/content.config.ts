import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { categorySlugs } from './site/categories';

/** Bibliographic record of the paper a note summarises. */
const paper = z.object({
  title: z.string().min(1),
  authors: z.array(z.string().min(1)).min(1),
  venue: z.string().min(1),
  year: z.number().int().min(1800).max(2100),
  url: z.string().url(),
});

export const collections = {
  // Starlight's own zh-CN strings leave a few labels in English; src/content/i18n fills them.
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
  // `src/content/docs` is a symlink to the top-level `content/`: Starlight's
  // sidebar, asides and locale detection assume that path (DESIGN.md, stack facts).
  docs: defineCollection({
    loader: docsLoader(),
    schema: docsSchema({
      extend: z.object({
        /** The seed's original Chinese title, shown under the page title and indexed by search. */
        originalTitle: z.string().min(1).optional(),
        tags: z.array(z.string().min(1)).default([]),
        category: z.enum(categorySlugs).optional(),
        paper: paper.optional(),
        /** Algorithm problems only. */
        difficulty: z.enum(['easy', 'medium', 'hard']).optional(),
        date: z.coerce.date().optional(),
      }),
    }),
  }),
};
