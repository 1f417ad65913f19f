import { type ReadonlySignal, useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { DashboardData } from '../state/dashboard.ts';
import { useWidget } from '../state/widget.ts';
import {
  type Box,
  bucketAt,
  type ChartMode,
  layers,
  maxValue,
  seriesAt,
  xAt,
  xLabelIndexes,
  yAt,
  yTicks,
} from './chartGeometry.ts';
import { formatCount, labelFor } from './labels.ts';
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
const PAD = { left: 44, right: 10, top: 10, bottom: 24 };

function bucketEnd(data: DashboardData, i: number): string {
  return data.buckets[i + 1] ?? data.window.to;
}

/** Bucket labels in the site's time zone: "14:00" for hours, "24 Nov" for days and weeks (long: with context). */
function labeller(bucket: DashboardData['bucket'], timeZone: string) {
  const short = new Intl.DateTimeFormat(
    'en-GB',
    bucket === 'hour'
      ? { timeZone, hour: '2-digit', minute: '2-digit' }
      : { timeZone, day: 'numeric', month: 'short' },
  );
  const long = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(bucket === 'hour' ? { hour: '2-digit', minute: '2-digit' } : {}),
  });
  return {
    short: (iso: string) => short.format(new Date(iso)),
    long: (iso: string) => `${bucket === 'week' ? 'Week of ' : ''}${long.format(new Date(iso))}`,
  };
}

/** The bucket under the pointer (null: none) and the series in focus (null: all alike). */
interface Hover {
  i: number | null;
  s: number | null;
}

interface Drawn {
  box: Box;
  top: number;
  edges: ReturnType<typeof layers>;
}

function draw(
  canvas: HTMLCanvasElement,
  d: DashboardData,
  series: DashboardData['series'],
  mode: ChartMode,
  hover: Hover,
  fmt: (iso: string) => string,
): Drawn {
  const width = Math.max(canvas.clientWidth, 240);
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(HEIGHT * ratio);
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, HEIGHT);
  // Canvas needs resolved colours; the element's own colour / border colour carry the theme's tokens.
  const style = getComputedStyle(canvas);
  const box: Box = {
    left: PAD.left,
    top: PAD.top,
    width: width - PAD.left - PAD.right,
    height: HEIGHT - PAD.top - PAD.bottom,
  };
  const edges = layers(series, mode);
  const { top, ticks } = yTicks(maxValue(edges));
  const n = d.buckets.length;

  ctx.font = `11px ${style.fontFamily}`;
  ctx.fillStyle = style.color;
  ctx.strokeStyle = style.borderTopColor;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks) {
    const y = Math.round(yAt(t, top, box)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(box.left, y);
    ctx.lineTo(box.left + box.width, y);
    ctx.stroke();
    ctx.fillText(formatCount(t), box.left - 8, y);
  }
  ctx.textBaseline = 'top';
  for (const i of xLabelIndexes(n, box.width)) {
    const x = xAt(i, n, box);
    ctx.textAlign = n > 1 && i === 0 ? 'left' : i === n - 1 && n > 1 ? 'right' : 'center';
    ctx.fillText(fmt(d.buckets[i] as string), x, box.top + box.height + 7);
  }

  if (hover.i !== null) {
    const x = Math.round(xAt(hover.i, n, box)) + 0.5;
    ctx.strokeStyle = style.color;
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(x, box.top);
    ctx.lineTo(x, box.top + box.height);
    ctx.stroke();
    ctx.setLineDash([]);
  }

  series.forEach((s, si) => {
    const e = edges[si] as Drawn['edges'][number];
    const colour = colorFor('topic', s.key);
    // The hovered series stands out; the others step back, as in a legend-driven focus.
    ctx.globalAlpha = hover.s === null || hover.s === si ? 1 : 0.3;
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      const x = xAt(i, n, box);
      const y = yAt(e.hi[i] ?? 0, top, box);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    if (mode === 'stacked') {
      for (let i = n - 1; i >= 0; i--) ctx.lineTo(xAt(i, n, box), yAt(e.lo[i] ?? 0, top, box));
      ctx.closePath();
      ctx.fillStyle = colour;
      ctx.globalAlpha *= 0.8;
      ctx.fill();
    } else {
      ctx.strokeStyle = colour;
      ctx.lineWidth = hover.s === si ? 3 : 2;
      ctx.lineJoin = 'round';
      ctx.stroke();
    }
    if (hover.i !== null) {
      ctx.globalAlpha = 1;
      ctx.fillStyle = colour;
      ctx.beginPath();
      ctx.arc(xAt(hover.i, n, box), yAt(e.hi[hover.i] ?? 0, top, box), 3.5, 0, Math.PI * 2);
      ctx.fill();
    }
  });
  ctx.globalAlpha = 1;
  return { box, top, edges };
}

/**
 * Messages over time, one line (or stacked band) per topic in the topics' tag colours. Hovering shows
 * every topic's count for that bucket in the legend; a click (or a legend entry) lists those messages.
 */
export function TimeChart({ data, onPick }: Props) {
  const w = useWidget();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<Drawn | null>(null);
  const mode = useSignal<ChartMode>('lines');
  const hover = useSignal<Hover>({ i: null, s: null });
  const width = useSignal(0);

  const d = data.value;
  const theme = w.theme.value;
  const series = d ? d.series.filter((s) => s.counts.some((c) => c > 0)) : [];
  const fmt = d ? labeller(d.bucket, w.timeZone) : null;
  // A live update can shorten the buckets under a resting pointer.
  const at = d && hover.value.i !== null && hover.value.i < d.buckets.length ? hover.value.i : null;
  const focus = hover.value.s !== null && hover.value.s < series.length ? hover.value.s : null;

  useEffect(() => {
    const el = canvas.current;
    if (!el || !d || !fmt) return;
    drawn.current = draw(el, d, series, mode.value, { i: at, s: focus }, fmt.short);
    // Redraw whenever the data, the mode, the hover, the theme or the width changes.
  }, [d, mode.value, at, focus, theme, width.value]);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      width.value = el.clientWidth;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  if (!d || !fmt) return null;

  const locate = (e: PointerEvent | MouseEvent) => {
    const g = drawn.current;
    const el = canvas.current;
    if (!g || !el) return null;
    const r = el.getBoundingClientRect();
    const i = bucketAt(e.clientX - r.left, d.buckets.length, g.box);
    if (i === null) return null;
    const v = ((g.box.top + g.box.height - (e.clientY - r.top)) / g.box.height) * g.top;
    return { i, s: seriesAt(g.edges, i, v, mode.value) };
  };
  const pick = (key: string, i: number | null) =>
    onPick(
      i === null
        ? { key, from: d.window.from, to: d.window.to }
        : { key, from: d.buckets[i] as string, to: bucketEnd(d, i) },
    );
  const total = (s: DashboardData['series'][number]) => s.counts.reduce((a, b) => a + b, 0);

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
      <canvas
        ref={canvas}
        class="sa-chart-canvas"
        height={HEIGHT}
        role="img"
        // Keyboard: arrows pick a bucket (the legend then shows its counts and lists its messages).
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
          hover.value = { i: i ?? null, s: focus };
        }}
        onPointerMove={(e) => {
          hover.value = locate(e) ?? { i: null, s: null };
        }}
        onPointerLeave={() => {
          hover.value = { i: null, s: null };
        }}
        onClick={(e) => {
          const at = locate(e);
          const s = at?.s == null ? undefined : series[at.s];
          if (at && s) pick(s.key, at.i);
        }}
      />
      <ul class="sa-legend" aria-label="Topics in the chart">
        {series.map((s, si) => (
          <li key={s.key} class={focus === si ? 'is-focus' : undefined}>
            <button
              type="button"
              data-series={s.key}
              aria-label={`${labelFor('topic', s.key)}: ${formatCount(at !== null ? (s.counts[at] ?? 0) : total(s))} messages${at !== null ? ` in the ${d.bucket} of ${fmt.long(d.buckets[at] as string)}` : ''}. Show these messages.`}
              onClick={() => pick(s.key, at)}
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
