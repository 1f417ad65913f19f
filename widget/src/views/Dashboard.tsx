import type { ReadonlySignal } from '@preact/signals';
import { describeWindow } from '@sa/shared/time/describe';
import { useEffect } from 'preact/hooks';
import { loadChartEngine } from '../components/chartEngine.ts';
import { ExportLinks } from '../components/Export.tsx';
import { FilterBar } from '../components/FilterBar.tsx';
import { formatCount, formatShare, labelFor } from '../components/labels.ts';
import { colorFor } from '../components/palette.ts';
import { EmptyState, ErrorState, Skeleton } from '../components/states.tsx';
import { type ChartPick, TimeChart } from '../components/TimeChart.tsx';
import { change, type DashboardData, type Kpi, kpis, type Row } from '../state/dashboard.ts';
import type { FilterState } from '../state/filters.ts';
import { useWidget } from '../state/widget.ts';

function KpiCard({ kpi }: { kpi: Kpi }) {
  const delta = change(kpi);
  // Only the angry share has a good direction; volume and topic shares are shown neutrally.
  const tone =
    !delta || delta.direction === 'flat' || !kpi.riseIsBad
      ? 'flat'
      : delta.direction === 'up'
        ? 'bad'
        : 'good';
  const value = kpi.kind === 'count' ? formatCount(kpi.value ?? 0) : formatShare(kpi.value);
  return (
    <li class="sa-kpi" data-kpi={kpi.id}>
      <span class="sa-kpi-label">
        {kpi.id.startsWith('topic:') && (
          <span
            class="sa-dot"
            style={{ background: colorFor('topic', kpi.id.slice(6)) }}
            aria-hidden="true"
          />
        )}
        <span class="sa-kpi-name">
          {kpi.label}
          {kpi.kind === 'share' && ' share'}
        </span>
      </span>
      <span class="sa-kpi-value" data-value={kpi.value ?? ''}>
        {value}
      </span>
      {delta ? (
        <span class={`sa-kpi-delta is-${tone}`}>
          <span aria-hidden="true">
            {delta.direction === 'up' ? '▲' : delta.direction === 'down' ? '▼' : '■'}
          </span>{' '}
          {delta.text} <span class="sa-muted">vs previous</span>
        </span>
      ) : (
        <span class="sa-kpi-delta is-flat">no previous period</span>
      )}
    </li>
  );
}

function Breakdown({
  title,
  kind,
  rows,
  total,
  onPick,
}: {
  title: string;
  kind: 'topic' | 'source' | 'sentiment';
  rows: Row[];
  total: number;
  onPick: (key: string) => void;
}) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <section class="sa-card sa-breakdown" aria-label={title} data-breakdown={kind}>
      <h3 class="sa-card-title">{title}</h3>
      {rows.length === 0 ? (
        <p class="sa-muted">No messages.</p>
      ) : (
        <ul>
          {rows.map((r) => (
            <li key={r.key}>
              <button
                type="button"
                class="sa-bar-row"
                data-key={r.key}
                onClick={() => onPick(r.key)}
                aria-label={`${labelFor(kind, r.key)}: ${formatCount(r.count)} messages, ${formatShare(total ? r.count / total : null)}. Show these messages.`}
              >
                <span class="sa-bar-label">{labelFor(kind, r.key)}</span>
                <span class="sa-bar-track" aria-hidden="true">
                  <span
                    class="sa-bar-fill"
                    style={{ width: `${(r.count / max) * 100}%`, background: colorFor(kind, r.key) }}
                  />
                </span>
                <span class="sa-bar-value">{formatCount(r.count)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DashboardSkeleton() {
  return (
    <div class="sa-dash-skeleton" aria-busy="true">
      <span class="sa-sr">Loading dashboard…</span>
      <ul class="sa-kpis">
        {[0, 1, 2, 3].map((i) => (
          <li key={i} class="sa-kpi">
            <Skeleton width="60%" height={12} />
            <Skeleton width="50%" height={26} />
            <Skeleton width="70%" height={12} />
          </li>
        ))}
      </ul>
      <div class="sa-card">
        <Skeleton height={220} />
      </div>
    </div>
  );
}

function Body({ data }: { data: ReadonlySignal<DashboardData | null> }) {
  const w = useWidget();
  const d = data.value;
  if (!d) return null;
  const showMessages = (patch: Partial<FilterState>) => {
    w.setFilters(patch);
    w.view.value = 'messages';
  };
  const pickChart = (p: ChartPick) =>
    showMessages({
      topics: [p.key as FilterState['topics'][number]],
      preset: 'custom',
      from: p.from,
      to: p.to,
    });
  if (d.total === 0) {
    return (
      <EmptyState title="No messages match these filters">
        Try a longer date range or remove a filter.
      </EmptyState>
    );
  }
  return (
    <>
      <ul class="sa-kpis" aria-label="Key figures">
        {kpis(d, (id) => labelFor('topic', id)).map((k) => (
          <KpiCard key={k.id} kpi={k} />
        ))}
      </ul>
      <section class="sa-card">
        <h3 class="sa-card-title">
          Messages by topic <span class="sa-muted">per {d.bucket}</span>
        </h3>
        <TimeChart data={data} onPick={pickChart} />
      </section>
      <div class="sa-breakdowns">
        <Breakdown
          title="Topics"
          kind="topic"
          rows={d.topics}
          total={d.total}
          onPick={(k) => showMessages({ topics: [k as FilterState['topics'][number]] })}
        />
        <Breakdown
          title="Sentiment"
          kind="sentiment"
          rows={d.sentiments}
          total={d.total}
          onPick={(k) => showMessages({ sentiments: [k as FilterState['sentiments'][number]] })}
        />
        <Breakdown
          title="Sources"
          kind="source"
          rows={d.sources}
          total={d.total}
          onPick={(k) => showMessages({ sources: [k as FilterState['sources'][number]] })}
        />
      </div>
    </>
  );
}

export function Dashboard() {
  const w = useWidget();
  const { status, data, error } = w.dashboard;
  const d = data.value;
  const window = w.queryFilters.value;
  // The chart library downloads while the first queries run; the chart shows its own error if it fails.
  useEffect(() => {
    loadChartEngine().catch(() => {});
  }, []);
  return (
    <div class="sa-dash">
      <FilterBar />
      <div class="sa-dash-head">
        <p class="sa-window" aria-live="polite">
          {describeWindow(window.from, window.to, w.timeZone, w.now.value)}
          {status.value === 'loading' && d && <span class="sa-updating"> · updating…</span>}
          {d?.previousWindow && (
            <span class="sa-window-previous">
              compared with {describeWindow(d.previousWindow.from, d.previousWindow.to, w.timeZone)}
            </span>
          )}
        </p>
        <ExportLinks />
      </div>
      {status.value === 'error' && (
        <ErrorState
          error={error.value}
          onRetry={() => w.dashboard.reload()}
          title="Could not load the dashboard"
        />
      )}
      {status.value !== 'error' && !d && <DashboardSkeleton />}
      {status.value !== 'error' && <Body data={data} />}
    </div>
  );
}
