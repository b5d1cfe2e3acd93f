import { describe, expect, it, vi } from 'vitest';
import { Capture } from '../../src/cells/core/capture.ts';
import { renderOutputs, toHtml } from '../../src/cells/core/render.ts';

describe('Capture', () => {
  it('caps a flood of 100,000 lines to the first and last lines and a count', () => {
    const capture = new Capture({ keepLines: 100 });
    for (let i = 1; i <= 100_000; i += 1) capture.write('stdout', `line ${i}`);
    const [stream] = capture.outputs();
    expect(stream).toMatchObject({ kind: 'stream', name: 'stdout', hiddenLines: 99_800 });
    if (stream.kind !== 'stream') throw new Error('expected a stream');
    expect(stream.text.split('\n')).toHaveLength(100);
    expect(stream.text.startsWith('line 1\nline 2\n')).toBe(true);
    expect(stream.tail?.split('\n')).toHaveLength(100);
    expect(stream.tail?.endsWith('line 99999\nline 100000')).toBe(true);
    expect(toHtml(renderOutputs(capture.outputs()))).toContain('… 99,800 lines hidden …');
  });

  it('merges consecutive writes to one stream and starts a new output on another', () => {
    const capture = new Capture();
    capture.write('stdout', 'a');
    capture.write('stdout', 'b\n');
    capture.write('stderr', 'warning');
    capture.write('stdout', 'c');
    expect(capture.outputs().map((o) => (o.kind === 'stream' ? `${o.name}:${o.text}` : o.kind))).toEqual(['stdout:a\nb', 'stderr:warning', 'stdout:c']);
  });

  it('updates a progress bar in place', () => {
    const capture = new Capture();
    capture.add({ kind: 'progress', id: 'epochs', done: 1, total: 5, label: 'epochs' });
    capture.write('stdout', 'loss 0.5');
    capture.add({ kind: 'progress', id: 'epochs', done: 5, total: 5, label: 'epochs' });
    expect(capture.outputs()).toEqual([
      { kind: 'progress', id: 'epochs', done: 5, total: 5, label: 'epochs' },
      { kind: 'stream', name: 'stdout', text: 'loss 0.5' },
    ]);
  });

  it('batches changes into one flush per interval', () => {
    vi.useFakeTimers();
    try {
      const onFlush = vi.fn();
      const capture = new Capture({ flushMs: 50, onFlush });
      for (let i = 0; i < 1000; i += 1) capture.write('stdout', String(i));
      expect(onFlush).not.toHaveBeenCalled();
      vi.advanceTimersByTime(50);
      expect(onFlush).toHaveBeenCalledTimes(1);
      capture.write('stdout', 'more');
      capture.flush();
      expect(onFlush).toHaveBeenCalledTimes(2);
      vi.advanceTimersByTime(100);
      expect(onFlush).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
