import { expect, it } from 'vitest';
import { dataFiles } from '../../src/offline/offline-client.ts';

it('reads the datasets a page loads from its cells, sizes included, and ignores unknown names', () => {
  const codes = [
    "import { loadDataset } from 'notebooks/data';\nconst sts = await loadDataset('wn-sts');",
    'const big = await loadDataset("wn-retrieval", "large");\nconst again = await loadDataset(`wn-sts`);',
    "const other = await loadDataset('not-a-dataset'); const odd = await loadDataset('wn-lexname', 'huge');",
    'const computed = await loadDataset(name);',
  ];
  expect(dataFiles(codes)).toEqual(['wn-retrieval.large.json', 'wn-sts.json']);
});
