import type { Filters, Sentiment, Source, Topic } from '@sa/shared';
import { SENTIMENTS, SOURCES, TOPICS } from '@sa/shared/taxonomy';
import { defaultPresetWindow, PRESETS, type PresetId, resolvePreset } from './presets.ts';

/** What the filter bar edits; resolved into query filters against "now" at fetch time. */
export interface FilterState {
  preset: PresetId | 'custom';
  /** ISO instants, used when preset is 'custom'. */
  from: string;
  to: string;
  topics: Topic[];
  sources: Source[];
  sentiments: Sentiment[];
  text: string;
}

export const DEFAULT_FILTERS: FilterState = {
  preset: 'last_30_days',
  from: '',
  to: '',
  topics: [],
  sources: [],
  sentiments: [],
  text: '',
};

/** The query filters (explicit window, lists only when non-empty) for a filter state at `now` in `timeZone`. */
export function toQueryFilters(state: FilterState, now: Date, timeZone: string): Filters {
  const window =
    state.preset !== 'custom'
      ? resolvePreset(state.preset, now, timeZone)
      : state.from && state.to
        ? { from: state.from, to: state.to }
        : defaultPresetWindow(now, timeZone);
  const filters: Filters = { from: window.from, to: window.to, roles: ['customer'] };
  if (state.topics.length) filters.topics = [...state.topics];
  if (state.sources.length) filters.sources = [...state.sources];
  if (state.sentiments.length) filters.sentiments = [...state.sentiments];
  const text = state.text.trim();
  if (text) filters.text = text.slice(0, 200);
  return filters;
}

/** Filter state from (partial) query filters, e.g. a chat answer's query: an explicit window becomes a custom range. */
export function fromQueryFilters(
  filters: Partial<Filters>,
  base: FilterState = DEFAULT_FILTERS,
): FilterState {
  const next: FilterState = {
    ...base,
    topics: filters.topics ? [...filters.topics] : [],
    sources: filters.sources ? [...filters.sources] : [],
    sentiments: filters.sentiments ? [...filters.sentiments] : [],
    text: filters.text ?? '',
  };
  if (filters.from && filters.to)
    Object.assign(next, { preset: 'custom', from: filters.from, to: filters.to });
  return next;
}

function pick<T extends string>(values: readonly T[], raw: string | null): T[] {
  if (!raw) return [];
  const allowed = new Set<string>(values);
  return raw.split(',').filter((v): v is T => allowed.has(v));
}

function validIso(raw: string | null): string {
  return raw && !Number.isNaN(Date.parse(raw)) ? new Date(raw).toISOString() : '';
}

/** Encodes view + filters for the page's URL hash (inline mode), leaving defaults out to keep it short. */
export function encodeHash(view: string, state: FilterState): string {
  const p = new URLSearchParams();
  p.set('sa', view);
  if (state.preset !== DEFAULT_FILTERS.preset) p.set('range', state.preset);
  if (state.preset === 'custom') {
    p.set('from', state.from);
    p.set('to', state.to);
  }
  if (state.topics.length) p.set('topics', state.topics.join(','));
  if (state.sources.length) p.set('sources', state.sources.join(','));
  if (state.sentiments.length) p.set('sentiments', state.sentiments.join(','));
  if (state.text) p.set('q', state.text);
  return `#${p.toString()}`;
}

/** The inverse of encodeHash; null when the hash is not ours. Unknown values are dropped, never trusted. */
export function decodeHash(hash: string): { view: string; filters: FilterState } | null {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const view = p.get('sa');
  if (!view) return null;
  const range = p.get('range');
  const filters: FilterState = {
    ...DEFAULT_FILTERS,
    topics: pick(TOPICS, p.get('topics')),
    sources: pick(SOURCES, p.get('sources')),
    sentiments: pick(SENTIMENTS, p.get('sentiments')),
    text: (p.get('q') ?? '').slice(0, 200),
  };
  if (range === 'custom') {
    const from = validIso(p.get('from'));
    const to = validIso(p.get('to'));
    if (from && to && from < to) Object.assign(filters, { preset: 'custom', from, to });
  } else if (range && range in PRESETS) {
    filters.preset = range as PresetId;
  }
  return { view, filters };
}

/** How many filters beyond the window are active (for the "Filters · 2" badge). */
export function activeFilterCount(state: FilterState): number {
  return state.topics.length + state.sources.length + state.sentiments.length + (state.text.trim() ? 1 : 0);
}

/** What `SupportAnalytics('setFilters', …)` accepts: query filters (any subset) or a preset name. */
export type FilterPatch = Partial<Filters> & { preset?: PresetId };

/** Turns a public filter patch into a filter-state patch; only the keys given change. */
export function patchFromFilters(patch: FilterPatch): Partial<FilterState> {
  const out: Partial<FilterState> = {};
  if (patch.topics) out.topics = pick(TOPICS, patch.topics.join(','));
  if (patch.sources) out.sources = pick(SOURCES, patch.sources.join(','));
  if (patch.sentiments) out.sentiments = pick(SENTIMENTS, patch.sentiments.join(','));
  if (patch.text !== undefined) out.text = String(patch.text).slice(0, 200);
  if (patch.preset && patch.preset in PRESETS) out.preset = patch.preset;
  const from = validIso(patch.from ?? null);
  const to = validIso(patch.to ?? null);
  if (from && to && from < to) Object.assign(out, { preset: 'custom', from, to });
  return out;
}
