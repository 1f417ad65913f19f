import { batch, computed, effect, type ReadonlySignal, signal } from '@preact/signals';
import type { Filters } from '@sa/shared';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ProxyClient } from '../api/client.ts';
import { createChat } from './chat.ts';
import { chatStorageKey } from './chatOwner.ts';
import { loadDashboard } from './dashboard.ts';
import { createExportAccess } from './exportAccess.ts';
import { DEFAULT_FILTERS, type FilterState, fromQueryFilters, toQueryFilters } from './filters.ts';
import { followEvents, type LiveStatus } from './live.ts';
import { createMessageList } from './messages.ts';
import { createResource } from './resource.ts';

export const VIEWS = ['chat', 'dashboard', 'messages'] as const;
export type View = (typeof VIEWS)[number];
export type Theme = 'auto' | 'light' | 'dark';

export interface WidgetConfig {
  siteKey: string;
  mode: 'launcher' | 'inline';
  view?: View;
  theme?: Theme;
  filters?: Partial<Filters>;
  /** Where the chat is kept across reloads; null keeps it in memory only. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** Follow `GET /v1/events` (default true). */
  live?: boolean;
  /** The site's IANA time zone: date presets and chart buckets follow it (default: the viewer's). */
  timeZone?: string;
  /** Loads the in-browser classifier on demand (the "try the classifier" box). */
  classifierUrl?: string;
  modelUrl?: string;
}

const LIVE_THROTTLE_MS = 1500;

function viewerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The configured zone when the browser knows it; a typo falls back to the viewer's zone, said in the console. */
export function siteTimeZone(configured: string | undefined): string {
  if (!configured) return viewerTimeZone();
  try {
    return new Intl.DateTimeFormat('en', { timeZone: configured }).resolvedOptions().timeZone;
  } catch {
    const fallback = viewerTimeZone();
    console.warn(
      `[support-analytics] time zone "${configured}" is not an IANA zone name (e.g. "Europe/Malta"); using ${fallback}`,
    );
    return fallback;
  }
}

/** All state of one mounted widget, in signals. Views read it through context, never through props. */
export function createWidgetState(client: ProxyClient, config: WidgetConfig) {
  const timeZone = siteTimeZone(config.timeZone);
  const view = signal<View>(config.view ?? 'dashboard');
  const open = signal(config.mode === 'inline');
  const theme = signal<Theme>(config.theme ?? 'auto');
  const filters = signal<FilterState>(config.filters ? fromQueryFilters(config.filters) : DEFAULT_FILTERS);
  /** "Now" for relative presets; moved forward on live updates so "last 7 days" keeps sliding. */
  const now = signal(new Date());
  const queryFilters = computed(() => toQueryFilters(filters.value, now.value, timeZone));

  // Data loads only for the view someone is looking at: a closed launcher costs the proxy nothing.
  const showing = (v: View) => open.value && view.value === v;
  const dashboard = createResource(
    () => (showing('dashboard') ? queryFilters.value : null),
    (f, abort) => loadDashboard(client, f, timeZone, abort),
  );
  const messages = createMessageList(client, () => (showing('messages') ? queryFilters.value : null));
  const token = client.accessToken;
  const chatOwner = () => (token.known ? chatStorageKey(config.siteKey, token.peek()) : null);
  const chat = createChat(client, config.storage ?? null, chatOwner(), timeZone);
  const stopOwner = token.onChange(() => chat.setOwner(chatOwner()));
  // A getter is asked now, not at the first request, so the chat soon knows whose conversation to show.
  if (!token.known) token.current().catch(() => {});
  const exportAccess = createExportAccess(client);

  let pending: ReturnType<typeof setTimeout> | null = null;
  const onLiveChange = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      if (filters.value.preset === 'custom') {
        dashboard.reload();
        messages.reload();
      } else {
        now.value = new Date();
      }
    }, LIVE_THROTTLE_MS);
  };
  const liveStatus = signal<LiveStatus>('off');
  let live: ReturnType<typeof followEvents> | null = null;
  // The event stream opens the first time the panel does, so pages where nobody opens it hold no connection.
  const stopLive = effect(() => {
    if (config.live === false || live || !open.value) return;
    live = followEvents((fresh) => client.eventsUrl({ fresh }), onLiveChange, liveStatus);
  });

  // Back online after an outage: reload what is on screen rather than leave an error up.
  const refresh = () =>
    batch(() => {
      now.value = new Date();
      dashboard.reload();
      messages.reload();
    });
  const onOnline = () => refresh();
  if (typeof window !== 'undefined') window.addEventListener('online', onOnline);

  return {
    client,
    config,
    timeZone,
    view,
    open,
    theme,
    filters,
    now,
    queryFilters,
    dashboard,
    messages,
    chat,
    exportAccess,
    liveStatus: liveStatus as ReadonlySignal<LiveStatus>,
    setFilters(patch: Partial<FilterState>) {
      filters.value = { ...filters.value, ...patch };
    },
    /** Opens the dashboard (or another view) filtered like a chat answer's query. */
    openWith(queryFilters: Partial<Filters>, target: View = 'dashboard') {
      batch(() => {
        filters.value = fromQueryFilters(queryFilters);
        view.value = target;
      });
    },
    refresh,
    /** A new user token was handed over: reload what is on screen and reopen the event stream with it. */
    signedIn() {
      const wasLive = live !== null;
      live?.close();
      live = wasLive ? followEvents((fresh) => client.eventsUrl({ fresh }), onLiveChange, liveStatus) : null;
      exportAccess.recheck();
      refresh();
    },
    dispose() {
      if (pending) clearTimeout(pending);
      if (typeof window !== 'undefined') window.removeEventListener('online', onOnline);
      stopLive();
      stopOwner();
      live?.close();
      dashboard.dispose();
      messages.dispose();
      chat.stop();
      exportAccess.dispose();
    },
  };
}

export type WidgetState = ReturnType<typeof createWidgetState>;

export const WidgetContext = createContext<WidgetState | null>(null);

export function useWidget(): WidgetState {
  const state = useContext(WidgetContext);
  if (!state) throw new Error('useWidget() must be used inside <WidgetContext.Provider>');
  return state;
}
