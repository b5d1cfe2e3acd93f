/**
 * The note categories of the archive (CONTENT.md). The slug is what a note's
 * `category` frontmatter names; the labels are what readers see.
 */
export const categories = {
  'algorithms-data-structures': { en: 'Data structures and algorithms', zh: '数据结构与算法' },
  'deep-learning': { en: 'Deep learning', zh: '深度学习' },
  'machine-learning': { en: 'Machine learning', zh: '机器学习' },
  nlp: { en: 'Natural language processing', zh: '自然语言处理' },
  'computer-vision': { en: 'Computer vision', zh: '计算机视觉' },
  python: { en: 'Python', zh: 'Python' },
  cpp: { en: 'C++', zh: 'C++' },
  linux: { en: 'Linux', zh: 'Linux' },
  'big-data': { en: 'Big data', zh: '大数据' },
  wiki: { en: 'Wiki', zh: 'Wiki' },
} as const;

export type CategorySlug = keyof typeof categories;
export const categorySlugs = Object.keys(categories) as [CategorySlug, ...CategorySlug[]];
