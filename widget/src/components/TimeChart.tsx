import type { ReadonlySignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type uPlot from 'uplot';
import type { DashboardData } from '../state/dashboard.ts';
import { useWidget } from '../state/widget.ts';
import { labelFor } from './labels.ts';
import { colorFor } from './palette.ts';

export interface ChartPick {
  key: string;
  from: string;
  to: string;
}

interface Props {
  data: ReadonlySignal<DashboardData | null>;
  onPick: (pick: ChartPick) => void;
}

const HEIGHT = 220;

function bucketEnd(data: DashboardData, i: number): string {
  const next = data.buckets[i + 1];
  if (next) return next;
  return data.window.to;
}

/** Picks the series whose line is nearest the pointer at the hovered bucket. */
function nearestSeries(u: uPlot, idx: number): number | null {
  const top = u.cursor.top ?? -1;
  if (top < 0) return null;
  const y = u.posToVal(top, 'y');
  let best: number | null = null;
  let bestDist = Number.POSITIVE_INFINITY;
  for (let s = 1; s < u.series.length; s++) {
    if (!u.series[s]?.show) continue;
    const v = u.data[s]?.[idx];
    if (v == null) continue;
    const dist = Math.abs(v - y);
    if (dist < bestDist) {
      bestDist = dist;
      best = s;
    }
  }
  return best;
}

function fmtTick(bucket: DashboardData['bucket']) {
  return (_u: uPlot, values: number[]) =>
    values.map((v) => {
      const d = new Date(v * 1000);
      return bucket === 'hour'
        ? d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })
        : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
    });
}

/** Messages over time, one line per topic (uPlot, loaded lazily so the panel opens before the chart code arrives). */
export function TimeChart({ data, onPick }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef<DashboardData | null>(null);
  /** What the current plot was built for; when only the numbers change, setData keeps it (no flicker on live updates). */
  const shape = useRef('');
  const pick = useRef(onPick);
  pick.current = onPick;

  const d = data.value;
  const theme = useWidget().theme.value;
  useEffect(() => {
    const el = box.current;
    if (!el || !d) return;
    latest.current = d;
    let cancelled = false;
    void import('uplot').then(({ default: UPlot }) => {
      if (cancelled) return;
      const series = d.series.filter((s) => s.counts.some((c) => c > 0));
      const aligned: uPlot.AlignedData = [
        d.buckets.map((b) => Date.parse(b) / 1000),
        ...series.map((s) => s.counts),
      ];
      const nextShape = `${theme}|${d.bucket}|${series.map((s) => s.key).join(',')}`;
      if (plot.current && shape.current === nextShape) {
        plot.current.setData(aligned);
        return;
      }
      plot.current?.destroy();
      shape.current = nextShape;
      // Canvas needs resolved colours; the element's own color / border colour carry the theme's tokens.
      const style = getComputedStyle(el);
      const muted = style.color;
      const grid = style.borderTopColor;
      const font = `11px ${style.fontFamily}`;
      const axis = {
        stroke: muted,
        font,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid, width: 1 },
      };
      const opts: uPlot.Options = {
        width: Math.max(el.clientWidth, 240),
        height: HEIGHT,
        legend: { live: true },
        cursor: { focus: { prox: 24 }, points: { size: 7 } },
        focus: { alpha: 0.35 },
        scales: { x: { time: true } },
        axes: [
          { ...axis, values: fmtTick(d.bucket) },
          {
            ...axis,
            size: 44,
            values: (_u, vals) => vals.map((v) => (Number.isInteger(v) ? String(v) : '')),
          },
        ],
        series: [
          {},
          ...series.map((s) => ({
            label: labelFor('topic', s.key),
            stroke: colorFor('topic', s.key),
            width: 2,
            points: { show: false },
          })),
        ],
        hooks: {
          ready: [
            (u) => {
              u.over.addEventListener('click', () => {
                const idx = u.cursor.idx;
                const cur = latest.current;
                if (idx == null || !cur) return;
                const s = nearestSeries(u, idx);
                const key = s === null ? undefined : series[s - 1]?.key;
                const from = cur.buckets[idx];
                if (!key || !from) return;
                pick.current({ key, from, to: bucketEnd(cur, idx) });
              });
            },
          ],
        },
      };
      plot.current = new UPlot(opts, aligned, el);
    });
    return () => {
      cancelled = true;
    };
  }, [d, theme]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      if (plot.current && el.clientWidth > 0) plot.current.setSize({ width: el.clientWidth, height: HEIGHT });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, []);

  return (
    <figure class="sa-chart" aria-label="Messages over time by topic. Click a line to list those messages.">
      <div ref={box} class="sa-chart-canvas" data-testid="timeseries" />
    </figure>
  );
}
