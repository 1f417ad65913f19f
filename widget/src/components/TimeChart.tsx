import { type ReadonlySignal, useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type uPlot from 'uplot';
import type { DashboardData } from '../state/dashboard.ts';
import { useWidget } from '../state/widget.ts';
import { loadChartEngine } from './chartEngine.ts';
import { type ChartMode, type Edges, layers, seriesAt } from './chartGeometry.ts';
import { formatCount, labelFor } from './labels.ts';
import { colorFor } from './palette.ts';
import { ErrorState } from './states.tsx';

export interface ChartPick {
  key: string;
  from: string;
  to: string;
}

interface Props {
  data: ReadonlySignal<DashboardData | null>;
  onPick: (pick: ChartPick) => void;
}

type Bucket = DashboardData['bucket'];

const HEIGHT = 220;
const HOUR = 3600;
const DAY = 24 * HOUR;
const BUCKET_SECONDS: Record<Bucket, number> = { hour: HOUR, day: DAY, week: 7 * DAY };
/** Tick spacings (s) uPlot may choose on the time axis; none finer than a bucket. Months are 30 days to uPlot. */
const TIME_INCRS = [
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  3 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  60 * DAY,
  90 * DAY,
  180 * DAY,
  365 * DAY,
];
/** Counts are whole numbers: the y axis never ticks at 0.5. */
const COUNT_INCRS = Array.from({ length: 10 }, (_, e) => [1, 2, 5].map((m) => m * 10 ** e)).flat();

function bucketEnd(data: DashboardData, i: number): string {
  return data.buckets[i + 1] ?? data.window.to;
}

/** Dates in the site's time zone: axis ticks ("14:00", "24 Nov") and the hovered bucket, long. */
function labeller(bucket: Bucket, timeZone: string) {
  const day = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short' });
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' });
  const long = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(bucket === 'hour' ? { hour: '2-digit', minute: '2-digit' } : {}),
  });
  return {
    /** A tick at `sec`; ticks less than a day apart show the time, and the date where a day starts. */
    tick(sec: number, incr: number): string {
      const d = new Date(sec * 1000);
      if (incr >= DAY) return day.format(d);
      const t = time.format(d);
      return t === '00:00' ? day.format(d) : t;
    },
    long: (iso: string) => `${bucket === 'week' ? 'Week of ' : ''}${long.format(new Date(iso))}`,
  };
}

/** The bucket under the cursor (null: none) and the series in focus (null: all alike). */
interface Hover {
  i: number | null;
  s: number | null;
}

/** What uPlot's callbacks read: the latest data, even after a live update swapped it in with setData. */
interface Current {
  d: DashboardData;
  series: DashboardData['series'];
  edges: Edges[];
  mode: ChartMode;
}

/** The series under the pointer at bucket `i`, by the value at the cursor's height. */
function seriesUnder(u: uPlot, cur: Current, i: number): number | null {
  const top = u.cursor.top ?? -1;
  return top < 0 ? null : seriesAt(cur.edges, i, u.posToVal(top, 'y'), cur.mode);
}

function options(
  U: typeof uPlot,
  el: HTMLElement,
  cur: Current,
  timeZone: string,
  hooks: uPlot.Hooks.Arrays,
): uPlot.Options {
  const { d, series, mode } = cur;
  const fmt = labeller(d.bucket, timeZone);
  // Canvas needs resolved colours; the element's own colour / border colour carry the theme's tokens.
  const style = getComputedStyle(el);
  const axis = {
    stroke: style.color,
    font: `11px ${style.fontFamily}`,
    grid: { stroke: style.borderTopColor, width: 1 },
    ticks: { show: false },
  };
  const half = BUCKET_SECONDS[d.bucket] / 2;
  return {
    width: Math.max(el.clientWidth, 240),
    height: HEIGHT,
    legend: { show: false },
    // Our own legend and keyboard drive the focus; a click lists messages, so dragging does not zoom.
    cursor: {
      y: false,
      drag: { x: false, y: false, setScale: false },
      points: { size: 8, width: 0, fill: (_u, si) => colorFor('topic', series[si - 1]?.key ?? '') },
    },
    focus: { alpha: 0.3 },
    tzDate: (ts) => U.tzDate(new Date(ts * 1000), timeZone),
    scales: {
      // One bucket alone still gets a visible span.
      x: { time: true, range: (_u, min, max) => (min === max ? [min - half, max + half] : [min, max]) },
      y: { range: (_u, _min, max) => [0, max > 0 ? U.rangeNum(0, max, 0.08, true)[1] : 1] },
    },
    axes: [
      {
        ...axis,
        grid: { show: false },
        size: 28,
        space: 64,
        incrs: TIME_INCRS.filter((v) => v >= BUCKET_SECONDS[d.bucket]),
        values: (_u, splits, _axis, _space, incr) => splits.map((v) => fmt.tick(v, incr)),
      },
      { ...axis, size: 48, space: 36, incrs: COUNT_INCRS, values: (_u, splits) => splits.map(formatCount) },
    ],
    series: [
      {},
      ...series.map((s) => {
        const colour = colorFor('topic', s.key);
        return {
          label: labelFor('topic', s.key),
          stroke: colour,
          width: mode === 'stacked' ? 1 : 2,
          // Stacked: each band filled from its cumulative line down to the one below it (see bands).
          ...(mode === 'stacked' ? { fill: `${colour}cc` } : {}),
          points: { show: false },
        };
      }),
    ],
    bands:
      mode === 'stacked'
        ? series.slice(1).map((_, k) => ({ series: [k + 2, k + 1] as [number, number] }))
        : [],
    hooks,
  };
}

/**
 * Messages over time, one line (or stacked band) per topic in the topics' tag colours, drawn by uPlot. The
 * legend is ours: hovering (or arrow keys) shows every topic's own count for that bucket, and a click on
 * the chart or a legend entry lists those messages.
 */
export function TimeChart({ data, onPick }: Props) {
  const w = useWidget();
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  /** What the current plot was built for; when only the numbers change, setData keeps it (no flicker on live updates). */
  const shape = useRef('');
  const current = useRef<Current | null>(null);
  const pick = useRef<(key: string, i: number | null) => void>(() => {});
  const engine = useSignal<typeof uPlot | null>(null);
  const loadError = useSignal<unknown>(null);
  const mode = useSignal<ChartMode>('lines');
  const hover = useSignal<Hover>({ i: null, s: null });
  /** Bumped when the system colour scheme flips, which moves the light-dark() colours under theme 'auto'. */
  const scheme = useSignal(0);

  const d = data.value;
  const theme = w.theme.value;
  const series = d ? d.series.filter((s) => s.counts.some((c) => c > 0)) : [];
  const fmt = d ? labeller(d.bucket, w.timeZone) : null;
  // A live update can shorten the buckets under a resting cursor.
  const at = d && hover.value.i !== null && hover.value.i < d.buckets.length ? hover.value.i : null;
  const focus = hover.value.s !== null && hover.value.s < series.length ? hover.value.s : null;
  if (d) {
    pick.current = (key, i) =>
      onPick(
        i === null
          ? { key, from: d.window.from, to: d.window.to }
          : { key, from: d.buckets[i] as string, to: bucketEnd(d, i) },
      );
  }

  const load = () => {
    loadError.value = null;
    loadChartEngine().then(
      (U) => {
        engine.value = U;
      },
      (err: unknown) => {
        loadError.value = err;
      },
    );
  };
  useEffect(load, []);

  useEffect(() => {
    const el = host.current;
    const U = engine.value;
    if (!el || !U || !d) return;
    const cur: Current = { d, series, edges: layers(series, mode.value), mode: mode.value };
    current.current = cur;
    const aligned: uPlot.AlignedData = [
      d.buckets.map((b) => Date.parse(b) / 1000),
      ...cur.edges.map((e) => e.hi),
    ];
    const next = [theme, scheme.value, mode.value, d.bucket, series.map((s) => s.key).join()].join('|');
    if (plot.current && shape.current === next) {
      plot.current.setData(aligned);
      return;
    }
    plot.current?.destroy();
    shape.current = next;
    plot.current = new U(
      options(U, el, cur, w.timeZone, {
        setCursor: [
          (u) => {
            const now = current.current;
            const i = u.cursor.idx ?? null;
            // The pointer names a topic; the keyboard (no pointer: top < 0) keeps the one in focus.
            let s: number | null = null;
            if (i !== null && now) s = (u.cursor.top ?? -1) < 0 ? hover.peek().s : seriesUnder(u, now, i);
            if (hover.peek().i !== i || hover.peek().s !== s) hover.value = { i, s };
          },
        ],
        ready: [
          (u) => {
            // A rebuilt plot (mode or theme change) keeps the bucket picked before it.
            if (at !== null) u.setCursor({ left: u.valToPos(aligned[0][at] as number, 'x'), top: -10 });
            u.over.addEventListener('click', () => {
              const now = current.current;
              const i = u.cursor.idx;
              if (i == null || !now) return;
              const s = seriesUnder(u, now, i);
              const key = s === null ? undefined : now.series[s]?.key;
              if (key) pick.current(key, i);
            });
          },
        ],
      }),
      aligned,
      el,
    );
  }, [engine.value, d, mode.value, theme, scheme.value]);

  useEffect(() => {
    plot.current?.setSeries(focus === null ? null : focus + 1, { focus: true });
  }, [focus, engine.value, mode.value, theme, scheme.value]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      const u = plot.current;
      if (u && el.clientWidth > 0 && el.clientWidth !== u.width)
        u.setSize({ width: el.clientWidth, height: HEIGHT });
    });
    observer.observe(el);
    // uPlot re-measures on window scrolls; a panel scrolling inside the shadow root never reaches window.
    const root = el.getRootNode();
    const rescroll = () => plot.current?.syncRect(true);
    root.addEventListener('scroll', rescroll, { capture: true, passive: true });
    const dark = matchMedia('(prefers-color-scheme: dark)');
    const flip = () => {
      scheme.value++;
    };
    dark.addEventListener('change', flip);
    return () => {
      observer.disconnect();
      root.removeEventListener('scroll', rescroll, { capture: true });
      dark.removeEventListener('change', flip);
      plot.current?.destroy();
      plot.current = null;
      shape.current = '';
    };
  }, []);

  if (!d || !fmt) return null;

  const total = (s: DashboardData['series'][number]) => s.counts.reduce((a, b) => a + b, 0);
  const moveTo = (i: number | null) => {
    const u = plot.current;
    const x = i === null ? undefined : u?.data[0][i];
    u?.setCursor({ left: x === undefined ? -10 : u.valToPos(x, 'x'), top: -10 });
  };

  return (
    <figure class="sa-chart" data-testid="timeseries">
      <div class="sa-chart-head">
        <p class="sa-chart-when" aria-live="polite">
          {at !== null ? fmt.long(d.buckets[at] as string) : 'Whole period'}
        </p>
        <fieldset class="sa-seg" aria-label="Chart style">
          {(['lines', 'stacked'] as const).map((m) => (
            <button
              key={m}
              type="button"
              class={`sa-toggle${mode.value === m ? ' is-on' : ''}`}
              aria-pressed={mode.value === m}
              onClick={() => {
                mode.value = m;
              }}
            >
              {m === 'lines' ? 'Lines' : 'Stacked'}
            </button>
          ))}
        </fieldset>
      </div>
      {loadError.value !== null && (
        <ErrorState title="Could not load the chart" error={loadError.value} onRetry={load} />
      )}
      <div
        ref={host}
        class={`sa-chart-plot${engine.value ? '' : ' sa-skeleton'}`}
        hidden={loadError.value !== null}
        role="img"
        aria-busy={!engine.value}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the chart takes arrow keys (they pick a bucket, whose counts the legend then shows).
        tabIndex={0}
        aria-label={`Messages per ${d.bucket} by topic, ${fmt.long(d.buckets[0] ?? d.window.from)} to ${fmt.long(d.buckets.at(-1) ?? d.window.to)}. Arrow keys pick a ${d.bucket}; the legend then lists each topic's count; choose one to list its messages.`}
        onKeyDown={(e) => {
          const last = d.buckets.length - 1;
          const i =
            e.key === 'ArrowLeft'
              ? Math.max(0, (at ?? last + 1) - 1)
              : e.key === 'ArrowRight'
                ? Math.min(last, (at ?? -1) + 1)
                : e.key === 'Home'
                  ? 0
                  : e.key === 'End'
                    ? last
                    : undefined;
          if (i === undefined && e.key !== 'Escape') return;
          e.preventDefault();
          // Escape clears the bucket without closing the panel around the chart.
          e.stopPropagation();
          moveTo(i ?? null);
        }}
      />
      <ul class="sa-legend" aria-label="Topics in the chart">
        {series.map((s, si) => (
          <li key={s.key} class={focus === si ? 'is-focus' : undefined}>
            <button
              type="button"
              data-series={s.key}
              aria-label={`${labelFor('topic', s.key)}: ${formatCount(at !== null ? (s.counts[at] ?? 0) : total(s))} messages${at !== null ? ` in the ${d.bucket} of ${fmt.long(d.buckets[at] as string)}` : ''}. Show these messages.`}
              onClick={() => pick.current(s.key, at)}
              onPointerEnter={() => {
                hover.value = { i: at, s: si };
              }}
              onPointerLeave={() => {
                hover.value = { i: at, s: null };
              }}
              onFocus={() => {
                hover.value = { i: at, s: si };
              }}
              onBlur={() => {
                hover.value = { i: at, s: null };
              }}
            >
              <span class="sa-dot" style={{ background: colorFor('topic', s.key) }} aria-hidden="true" />
              <span class="sa-legend-label">{labelFor('topic', s.key)}</span>
              <span class="sa-legend-value">{formatCount(at !== null ? (s.counts[at] ?? 0) : total(s))}</span>
            </button>
          </li>
        ))}
      </ul>
    </figure>
  );
}
