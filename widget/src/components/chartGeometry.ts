/**
 * The time chart's own arithmetic, free of the DOM: stacking and which topic a pointer means. uPlot does
 * scales, ticks, drawing and finding the bucket under the pointer; these are the parts it has no notion of.
 */

export type ChartMode = 'lines' | 'stacked';

export interface Series {
  key: string;
  counts: number[];
}

export interface Edges {
  lo: number[];
  hi: number[];
}

/**
 * Per bucket, each series' lower and upper edge: lines sit on zero; stacked bands sit on the series below.
 * The chart plots `hi`, so in stacked mode uPlot draws cumulative counts; the legend keeps each topic's own.
 */
export function layers(series: Series[], mode: ChartMode): Edges[] {
  const n = series[0]?.counts.length ?? 0;
  const base = new Array<number>(n).fill(0);
  return series.map((s) => {
    const lo = mode === 'stacked' ? [...base] : new Array<number>(n).fill(0);
    const hi = s.counts.map((c, i) => (lo[i] ?? 0) + c);
    if (mode === 'stacked') for (let i = 0; i < n; i++) base[i] = hi[i] as number;
    return { lo, hi };
  });
}

/**
 * The series a pointer at value `v` of bucket `i` means: in stacked mode the band it is inside (else the
 * nearest band), for lines the nearest line. Empty series never win, so a click always lands on data.
 */
export function seriesAt(edges: Edges[], i: number, v: number, mode: ChartMode): number | null {
  let best: number | null = null;
  let bestDist = Number.POSITIVE_INFINITY;
  edges.forEach((e, s) => {
    const lo = e.lo[i] ?? 0;
    const hi = e.hi[i] ?? 0;
    if (mode === 'stacked' && hi === lo) return;
    const dist = mode === 'stacked' ? (v < lo ? lo - v : v > hi ? v - hi : 0) : Math.abs(hi - v);
    if (dist < bestDist) {
      bestDist = dist;
      best = s;
    }
  });
  return best;
}
