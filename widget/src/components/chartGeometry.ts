/**
 * The time chart's arithmetic, free of the DOM: scales, ticks, stacking and hit-testing. The canvas
 * component only draws what these return, so the parts that can be wrong are testable without a browser.
 */

export type ChartMode = 'lines' | 'stacked';

export interface Series {
  key: string;
  counts: number[];
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Round steps (1, 2, 5 × 10ⁿ, whole numbers only: counts are integers) giving about `target` ticks up to `max`. */
export function yTicks(max: number, target = 4): { top: number; ticks: number[] } {
  if (!(max > 0)) return { top: 1, ticks: [0, 1] };
  const raw = max / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return { top, ticks };
}

/** Per bucket, each series' lower and upper edge: lines sit on zero; stacked bands sit on the series below. */
export function layers(series: Series[], mode: ChartMode): { lo: number[]; hi: number[] }[] {
  const n = series[0]?.counts.length ?? 0;
  const base = new Array<number>(n).fill(0);
  return series.map((s) => {
    const lo = mode === 'stacked' ? [...base] : new Array<number>(n).fill(0);
    const hi = s.counts.map((c, i) => (lo[i] ?? 0) + c);
    if (mode === 'stacked') for (let i = 0; i < n; i++) base[i] = hi[i] as number;
    return { lo, hi };
  });
}

export function maxValue(edges: { hi: number[] }[]): number {
  let max = 0;
  for (const e of edges) for (const v of e.hi) if (v > max) max = v;
  return max;
}

/** x of bucket `i` of `n`: buckets spread edge to edge (a single bucket sits in the middle). */
export function xAt(i: number, n: number, box: Box): number {
  return n <= 1 ? box.left + box.width / 2 : box.left + (i / (n - 1)) * box.width;
}

export function yAt(v: number, top: number, box: Box): number {
  return box.top + box.height - (v / top) * box.height;
}

/** The bucket under pointer x (nearest), or null outside the plot. */
export function bucketAt(x: number, n: number, box: Box): number | null {
  if (n === 0 || x < box.left - 8 || x > box.left + box.width + 8) return null;
  if (n === 1) return 0;
  const i = Math.round(((x - box.left) / box.width) * (n - 1));
  return Math.min(n - 1, Math.max(0, i));
}

/**
 * The series a pointer at value `v` of bucket `i` means: in stacked mode the band it is inside (else the
 * nearest band), for lines the nearest line. Empty series never win, so a click always lands on data.
 */
export function seriesAt(
  edges: { lo: number[]; hi: number[] }[],
  i: number,
  v: number,
  mode: ChartMode,
): number | null {
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

/** Which bucket indexes get an x label: evenly spaced, at least `minGap` px apart, the last one always. */
export function xLabelIndexes(n: number, width: number, minGap = 64): number[] {
  if (n === 0) return [];
  const fit = Math.max(1, Math.floor(width / minGap));
  const every = Math.max(1, Math.ceil(n / fit));
  const out: number[] = [];
  for (let i = (n - 1) % every; i < n; i += every) out.push(i);
  return out;
}
