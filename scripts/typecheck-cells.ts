/** `npm run typecheck`'s last step: every cell on the site type-checks (see src/cells/build/cell-types.ts). */
import { join } from 'node:path';
import { checkCellTypes, formatCellTypeError } from '../src/cells/build/cell-types.ts';

const errors = checkCellTypes(join(import.meta.dirname, '..'));
for (const error of errors) console.error(formatCellTypeError(error));
if (errors.length > 0) {
  console.error(`${errors.length} type error(s) in cells`);
  process.exit(1);
}
console.log('cells: no type errors');
