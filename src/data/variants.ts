/**
 * The seed and the sizes of each dataset's two variants. `default` is what a
 * page downloads and trains on in under a minute (< 2 MB gzip per file);
 * `large` is for runs from the command line.
 */
import type { DatasetSize } from '../../notebooks/data.ts';
import type { LexnameSizes } from './lexname.ts';
import type { RetrievalSizes } from './retrieval.ts';
import type { StsSizes } from './sts.ts';

export const seed = 31;

export interface VariantSizes {
  sts: StsSizes;
  retrieval: RetrievalSizes;
  lexname: LexnameSizes;
}

export const variants: Record<DatasetSize, VariantSizes> = {
  default: {
    sts: { train: 8000, dev: 1000, test: 2000 },
    retrieval: { queries: { train: 4000, dev: 500, test: 500 }, distractorShare: 0.15 },
    lexname: { old: 50, new: 150, query: 40, gallery: 80 },
  },
  large: {
    sts: { train: 40000, dev: 4000, test: 4000 },
    // Every example whose word is found: the split quotas are never reached.
    retrieval: { queries: { train: Infinity, dev: Infinity, test: Infinity }, distractorShare: 0.25 },
    lexname: { old: 300, new: 1000, query: 100, gallery: 400 },
  },
};
