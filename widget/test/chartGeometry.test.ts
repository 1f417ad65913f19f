import { describe, expect, it } from 'vitest';
import { layers, seriesAt } from '../src/components/chartGeometry.ts';

const series = [
  { key: 'deposit', counts: [4, 0, 10] },
  { key: 'withdrawal', counts: [2, 3, 0] },
];

describe('time chart geometry', () => {
  it('stacks bands on the series below, lines on zero', () => {
    expect(layers(series, 'lines')[1]).toEqual({ lo: [0, 0, 0], hi: [2, 3, 0] });
    const stacked = layers(series, 'stacked');
    expect(stacked[0]).toEqual({ lo: [0, 0, 0], hi: [4, 0, 10] });
    expect(stacked[1]).toEqual({ lo: [4, 0, 10], hi: [6, 3, 10] });
    expect(layers([], 'stacked')).toEqual([]);
  });

  it('maps a pointer value at a bucket to the series under it', () => {
    const lines = layers(series, 'lines');
    expect(seriesAt(lines, 0, 2.5, 'lines')).toBe(1);
    expect(seriesAt(lines, 2, 7, 'lines')).toBe(0);
    const stacked = layers(series, 'stacked');
    expect(seriesAt(stacked, 0, 5, 'stacked')).toBe(1);
    expect(seriesAt(stacked, 0, 1, 'stacked')).toBe(0);
    // Bucket 2 has no withdrawal band: a pointer above the stack still lands on deposit, never on nothing.
    expect(seriesAt(stacked, 2, 12, 'stacked')).toBe(0);
    expect(seriesAt([], 0, 1, 'lines')).toBeNull();
  });
});
