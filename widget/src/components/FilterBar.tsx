import { useSignal } from '@preact/signals';
import { SENTIMENTS, SOURCES, TOPICS } from '@sa/shared/taxonomy';
import { formatIso, startOfDay, toCivil } from '@sa/shared/time/zoned';
import { useEffect, useRef } from 'preact/hooks';
import { activeFilterCount, type FilterState } from '../state/filters.ts';
import { PRESETS, type PresetId } from '../state/presets.ts';
import { useWidget } from '../state/widget.ts';
import { labelFor } from './labels.ts';
import { colorFor } from './palette.ts';

type ListKey = 'topics' | 'sources' | 'sentiments';
const GROUPS: {
  key: ListKey;
  kind: 'topic' | 'source' | 'sentiment';
  title: string;
  values: readonly string[];
}[] = [
  { key: 'topics', kind: 'topic', title: 'Topics', values: TOPICS },
  { key: 'sources', kind: 'source', title: 'Sources', values: SOURCES },
  { key: 'sentiments', kind: 'sentiment', title: 'Sentiment', values: SENTIMENTS },
];

/** yyyy-mm-dd of the site's day at an instant, for <input type="date">. */
function dayValue(ms: number, timeZone: string): string {
  if (Number.isNaN(ms)) return '';
  const c = toCivil(ms, timeZone);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}`;
}

/** The start of a yyyy-mm-dd day (plus some days) in the site's time zone, as the presets' windows are. */
function dayStart(value: string, timeZone: string, plusDays = 0): string | null {
  const [year, month, day] = value.split('-').map(Number);
  if (!year || !month || !day) return null;
  // Date.UTC underneath carries an overflowing day into the next month.
  return formatIso(startOfDay({ year, month, day: day + plusDays }, timeZone), timeZone);
}

function SearchBox() {
  const w = useWidget();
  const draft = useSignal(w.filters.value.text);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => {
    draft.value = w.filters.value.text;
  }, [w.filters.value.text]);
  const commit = (value: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => w.setFilters({ text: value }), 300);
  };
  return (
    <input
      class="sa-input sa-search"
      type="search"
      placeholder="Search messages…"
      aria-label="Search message text"
      maxLength={200}
      value={draft.value}
      onInput={(e) => {
        draft.value = e.currentTarget.value;
        commit(e.currentTarget.value);
      }}
    />
  );
}

function RangePicker() {
  const w = useWidget();
  const f = w.filters.value;
  const window = w.queryFilters.value;
  return (
    <div class="sa-range">
      <select
        class="sa-input"
        aria-label="Date range"
        value={f.preset}
        onChange={(e) => {
          const preset = e.currentTarget.value as FilterState['preset'];
          if (preset === 'custom') w.setFilters({ preset, from: window.from, to: window.to });
          else w.setFilters({ preset });
        }}
      >
        {(Object.keys(PRESETS) as PresetId[]).map((id) => (
          <option key={id} value={id}>
            {PRESETS[id]}
          </option>
        ))}
        <option value="custom">Custom range…</option>
      </select>
      {f.preset === 'custom' && (
        <span class="sa-range-custom">
          <input
            class="sa-input"
            type="date"
            aria-label="From date"
            value={dayValue(Date.parse(f.from), w.timeZone)}
            max={dayValue(Date.parse(f.to) - 1, w.timeZone)}
            onChange={(e) => {
              const from = dayStart(e.currentTarget.value, w.timeZone);
              if (from && Date.parse(from) < Date.parse(f.to)) w.setFilters({ from });
            }}
          />
          <span aria-hidden="true">–</span>
          <input
            class="sa-input"
            type="date"
            aria-label="To date (inclusive)"
            value={dayValue(Date.parse(f.to) - 1, w.timeZone)}
            min={dayValue(Date.parse(f.from), w.timeZone)}
            onChange={(e) => {
              const to = dayStart(e.currentTarget.value, w.timeZone, 1);
              if (to && Date.parse(to) > Date.parse(f.from)) w.setFilters({ to });
            }}
          />
        </span>
      )}
    </div>
  );
}

/** The picker's Done button closes it; Escape is handled by the panel (it closes the whole panel). */
function FilterPicker({ onClose }: { onClose: () => void }) {
  const w = useWidget();
  const f = w.filters.value;
  const toggle = (key: ListKey, value: string) => {
    const list = f[key] as string[];
    const next = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
    w.setFilters({ [key]: next } as Partial<FilterState>);
  };
  return (
    <div class="sa-filter-picker">
      {GROUPS.map((g) => (
        <fieldset key={g.key} class="sa-fieldset">
          <legend>{g.title}</legend>
          <div class="sa-chip-row">
            {g.values.map((v) => {
              const on = (f[g.key] as string[]).includes(v);
              return (
                <button
                  key={v}
                  type="button"
                  class={`sa-toggle${on ? ' is-on' : ''}`}
                  aria-pressed={on}
                  onClick={() => toggle(g.key, v)}
                >
                  <span class="sa-dot" style={{ background: colorFor(g.kind, v) }} aria-hidden="true" />
                  {labelFor(g.kind, v)}
                </button>
              );
            })}
          </div>
        </fieldset>
      ))}
      <div class="sa-picker-actions">
        <button
          type="button"
          class="sa-btn sa-btn-ghost"
          onClick={() => w.setFilters({ topics: [], sources: [], sentiments: [], text: '' })}
        >
          Clear all
        </button>
        <button type="button" class="sa-btn sa-btn-primary" onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  );
}

/** Chips for each active filter, each removable on its own. */
function ActiveFilters() {
  const w = useWidget();
  const f = w.filters.value;
  const chips = GROUPS.flatMap(({ key, kind }) =>
    (f[key] as string[]).map((value) => ({ key, kind, value })),
  );
  if (chips.length === 0 && !f.text) return null;
  return (
    <ul class="sa-active" aria-label="Active filters">
      {chips.map((c) => (
        <li key={`${c.key}:${c.value}`}>
          <button
            type="button"
            class="sa-chip"
            aria-label={`Remove filter ${labelFor(c.kind, c.value)}`}
            onClick={() => w.setFilters({ [c.key]: (f[c.key] as string[]).filter((v) => v !== c.value) })}
          >
            <span class="sa-dot" style={{ background: colorFor(c.kind, c.value) }} aria-hidden="true" />
            {labelFor(c.kind, c.value)}
            <span aria-hidden="true" class="sa-x">
              ×
            </span>
          </button>
        </li>
      ))}
      {f.text && (
        <li>
          <button
            type="button"
            class="sa-chip"
            aria-label={`Remove search ${f.text}`}
            onClick={() => w.setFilters({ text: '' })}
          >
            “{f.text}”
            <span aria-hidden="true" class="sa-x">
              ×
            </span>
          </button>
        </li>
      )}
    </ul>
  );
}

export function FilterBar() {
  const w = useWidget();
  const open = useSignal(false);
  const count = activeFilterCount(w.filters.value);
  return (
    <div class="sa-filterbar">
      <div class="sa-filter-row">
        <RangePicker />
        <button
          type="button"
          class={`sa-btn sa-btn-outline${open.value ? ' is-on' : ''}`}
          aria-expanded={open.value}
          onClick={() => {
            open.value = !open.value;
          }}
        >
          Filters{count > 0 && <span class="sa-badge">{count}</span>}
        </button>
        <SearchBox />
      </div>
      {open.value && (
        <FilterPicker
          onClose={() => {
            open.value = false;
          }}
        />
      )}
      <ActiveFilters />
    </div>
  );
}
