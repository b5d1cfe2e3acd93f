/**
 * The site's own frontmatter fields, on top of Starlight's. One definition for
 * the content collection (src/content.config.ts) and the note checker
 * (scripts/check-notes.ts), so the two cannot disagree about what is valid.
 */
import { z } from 'astro/zod';
import { categorySlugs } from './categories.ts';

/** Bibliographic record of the paper a note summarises. */
const paper = z.object({
  title: z.string().min(1),
  authors: z.array(z.string().min(1)).min(1),
  venue: z.string().min(1),
  year: z.number().int().min(1800).max(2100),
  url: z.string().url(),
});

export const noteFields = z.object({
  /** The seed's original Chinese title, shown under the page title and indexed by search. */
  originalTitle: z.string().min(1).optional(),
  tags: z.array(z.string().min(1)).default([]),
  category: z.enum(categorySlugs).optional(),
  paper: paper.optional(),
  /** Algorithm problems only. */
  difficulty: z.enum(['easy', 'medium', 'hard']).optional(),
  date: z.coerce.date().optional(),
});
