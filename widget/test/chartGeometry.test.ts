import { describe, expect, it } from 'vitest';
import {
  bucketAt,
  layers,
  maxValue,
  seriesAt,
  xLabelIndexes,
  yTicks,
} from '../src/components/chartGeometry.ts';

const series = [
  { key: 'deposit', counts: [4, 0, 10] },
  { key: 'withdrawal', counts: [2, 3, 0] },
];
const box = { left: 40, top: 10, width: 200, height: 100 };

describe('time chart geometry', () => {
  it('picks whole, round y ticks that cover the maximum', () => {
    expect(yTicks(10)).toEqual({ top: 10, ticks: [0, 5, 10] });
    expect(yTicks(17)).toEqual({ top: 20, ticks: [0, 5, 10, 15, 20] });
    expect(yTicks(3)).toEqual({ top: 3, ticks: [0, 1, 2, 3] });
    expect(yTicks(1234).top).toBe(1500);
    expect(yTicks(0)).toEqual({ top: 1, ticks: [0, 1] });
  });

  it('stacks bands on the series below, lines on zero', () => {
    expect(layers(series, 'lines')[1]).toEqual({ lo: [0, 0, 0], hi: [2, 3, 0] });
    const stacked = layers(series, 'stacked');
    expect(stacked[1]).toEqual({ lo: [4, 0, 10], hi: [6, 3, 10] });
    expect(maxValue(stacked)).toBe(10);
    expect(
      maxValue(
        layers(
          [
            { key: 'a', counts: [1, 9] },
            { key: 'b', counts: [5, 5] },
          ],
          'stacked',
        ),
      ),
    ).toBe(14);
  });

  it('maps the pointer to the nearest bucket and the series under it', () => {
    expect(bucketAt(40, 3, box)).toBe(0);
    expect(bucketAt(135, 3, box)).toBe(1);
    expect(bucketAt(400, 3, box)).toBeNull();
    const lines = layers(series, 'lines');
    expect(seriesAt(lines, 0, 2.5, 'lines')).toBe(1);
    expect(seriesAt(lines, 2, 7, 'lines')).toBe(0);
    const stacked = layers(series, 'stacked');
    expect(seriesAt(stacked, 0, 5, 'stacked')).toBe(1);
    expect(seriesAt(stacked, 0, 1, 'stacked')).toBe(0);
    // Bucket 2 has no withdrawal band: a pointer above the stack still lands on deposit, never on nothing.
    expect(seriesAt(stacked, 2, 12, 'stacked')).toBe(0);
  });

  it('labels evenly spaced buckets that fit, always the last', () => {
    expect(xLabelIndexes(31, 320)).toEqual([0, 7, 14, 21, 28].map((i) => i + 2));
    expect(xLabelIndexes(3, 600)).toEqual([0, 1, 2]);
    expect(xLabelIndexes(0, 600)).toEqual([]);
  });
});
