import { describe, expect, it } from 'vitest';
import { isCellFence, parseCellMeta } from '../../src/cells/core/options.ts';

describe('cell options', () => {
  it('recognises ```ts cell fences only', () => {
    expect(isCellFence('ts', 'cell')).toBe(true);
    expect(isCellFence('ts', 'cell id=a hidden')).toBe(true);
    expect(isCellFence('ts', 'title="cell.ts"')).toBe(false);
    expect(isCellFence('js', 'cell')).toBe(false);
    expect(isCellFence('ts', 'cellular')).toBe(false);
  });

  it('reads id, hidden, skip and error, with quoted values', () => {
    expect(parseCellMeta('cell id=train hidden skip="trains for 10 minutes"')).toEqual({ id: 'train', hidden: true, skip: 'trains for 10 minutes' });
    expect(parseCellMeta('cell error="Cannot import \\"lodash\\""')).toEqual({ hidden: false, error: 'Cannot import "lodash"' });
  });

  it('reads featured, the flag that makes the cell\'s plot the note\'s thumbnail', () => {
    expect(parseCellMeta('cell id=curves featured')).toEqual({ id: 'curves', hidden: false, featured: true });
    expect(parseCellMeta('cell id=curves')).not.toHaveProperty('featured');
    expect(() => parseCellMeta('cell featured=yes')).toThrow(/"featured" takes no value/);
    expect(() => parseCellMeta('cell featured skip="slow"')).toThrow(/featured cell must run at build time/);
  });

  it('rejects unknown options and malformed values', () => {
    expect(() => parseCellMeta('cell hiden')).toThrow(/Unknown cell option "hiden"/);
    expect(() => parseCellMeta('cell id=9lives')).toThrow(/must start with a letter/);
    expect(() => parseCellMeta('cell skip')).toThrow(/needs the reason/);
    expect(() => parseCellMeta('cell skip="slow" error="x"')).toThrow(/both skipped and expected to fail/);
  });
});
