// biome-ignore-all assist/source/organizeImports: the stylesheet is imported last on purpose (see there)
import { effect } from '@preact/signals';
import { render } from 'preact';
import { createAccessToken, type GetAccessToken } from './api/accessToken.ts';
import { createClient } from './api/client.ts';
import { decodeHash, encodeHash, type FilterPatch, patchFromFilters } from './state/filters.ts';
import {
  createWidgetState,
  type Theme,
  VIEWS,
  type View,
  WidgetContext,
  type WidgetState,
} from './state/widget.ts';
import { App } from './views/App.tsx';
// Imported last, out of sort order: the bundler writes modules in import order, and the stylesheet's text then
// follows the views in app.js, within gzip's 32 KB window of the class names they use (-0.33 KB gzip).
import css from './styles/widget.css?inline';

export interface MountOptions {
  /** Base URL of the analytics proxy, e.g. `https://analytics.example.com/`. */
  proxyUrl: string;
  /** The site key the proxy issued for this site (not needed in open local mode). */
  siteKey?: string;
  /**
   * For site keys with `require_sign_in`: returns the signed-in user's token (a Supabase Auth access token
   * or the host app's `sa1.` session token), null when nobody is signed in. Asked before the first request
   * and again once when the proxy says the token expired. Script-tag pages call `setAccessToken` instead.
   */
  getAccessToken?: GetAccessToken;
  /** A floating launcher + panel (default), or the widget filling `element`. */
  mode?: 'launcher' | 'inline';
  view?: View;
  theme?: Theme;
  filters?: FilterPatch;
  /** Mirror view and filters in the page's URL hash (default: on when inline). */
  hash?: boolean;
  /** Follow `GET /v1/events` for live updates (default true). */
  live?: boolean;
  /** Keep the chat across reloads in localStorage (default true). */
  persistChat?: boolean;
  /** The site's IANA time zone for date presets and chart buckets (default: the viewer's). */
  timeZone?: string;
  /** Model folder and ONNX runtime WASM files for the in-browser classifier (default: the proxy's). */
  modelUrl?: string;
  wasmUrl?: string;
}

export interface WidgetHandle {
  open(): void;
  close(): void;
  toggle(): void;
  setFilters(filters: FilterPatch): void;
  setView(view: View): void;
  setTheme(theme: Theme): void;
  /** Hands over the signed-in user's token (null: signed out); what is on screen reloads with it. */
  setAccessToken(token: string | null): void;
  /** The widget's signals, for apps that want to react to them (the extension's side panel does). */
  readonly state: WidgetState;
  unmount(): void;
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

let sheet: CSSStyleSheet | null = null;

/**
 * One constructed stylesheet shared by every mounted widget. A `<style>` element would need
 * `style-src 'unsafe-inline'` on pages with a strict CSP; an adopted sheet needs nothing.
 */
function widgetSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}

/** Mounts the widget into `element` inside its own Shadow DOM root, so page CSS and widget CSS never mix. */
export function mount(element: HTMLElement, options: MountOptions): WidgetHandle {
  if (!options?.proxyUrl) throw new TypeError('mount(element, options): options.proxyUrl is required');
  const mode = options.mode ?? 'launcher';
  const proxyUrl = new URL(options.proxyUrl, document.baseURI).toString();
  if (options.getAccessToken !== undefined && typeof options.getAccessToken !== 'function') {
    throw new TypeError(
      'mount(element, options): options.getAccessToken must be a function returning a Promise',
    );
  }
  const accessToken = createAccessToken(options.getAccessToken);
  const client = createClient({
    proxyUrl,
    accessToken,
    ...(options.siteKey ? { siteKey: options.siteKey } : {}),
  });
  const state = createWidgetState(client, {
    siteKey: options.siteKey ?? 'default',
    mode,
    ...(options.view ? { view: options.view } : {}),
    ...(options.theme ? { theme: options.theme } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    storage: options.persistChat === false ? null : safeStorage(),
    live: options.live !== false,
    modelUrl: options.modelUrl ?? new URL('models/default', proxyUrl).toString(),
    classifierUrl: options.wasmUrl ?? new URL('ort/', proxyUrl).toString(),
  });
  if (options.filters) state.setFilters(patchFromFilters(options.filters));

  const host = document.createElement('div');
  host.setAttribute('data-support-analytics', mode);
  element.appendChild(host);
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = [widgetSheet()];
  const root = document.createElement('div');
  root.className = 'sa-mount';
  shadow.appendChild(root);

  const cleanups: (() => void)[] = [];
  if (options.hash ?? mode === 'inline') {
    const fromHash = decodeHash(location.hash);
    if (fromHash) {
      state.filters.value = fromHash.filters;
      if ((VIEWS as readonly string[]).includes(fromHash.view)) state.view.value = fromHash.view as View;
    }
    cleanups.push(
      effect(() => {
        const hash = encodeHash(state.view.value, state.filters.value);
        if (hash !== location.hash) history.replaceState(history.state, '', hash);
      }),
    );
    const onHash = () => {
      const next = decodeHash(location.hash);
      if (!next || encodeHash(next.view, next.filters) === encodeHash(state.view.value, state.filters.value))
        return;
      state.filters.value = next.filters;
      if ((VIEWS as readonly string[]).includes(next.view)) state.view.value = next.view as View;
    };
    window.addEventListener('hashchange', onHash);
    cleanups.push(() => window.removeEventListener('hashchange', onHash));
  }

  render(
    <WidgetContext.Provider value={state}>
      <App />
    </WidgetContext.Provider>,
    root,
  );

  return {
    state,
    open: () => {
      state.open.value = true;
    },
    close: () => {
      if (mode === 'launcher') state.open.value = false;
    },
    toggle: () => {
      if (mode === 'launcher') state.open.value = !state.open.value;
    },
    setFilters: (filters) => state.setFilters(patchFromFilters(filters)),
    setView: (view) => {
      if ((VIEWS as readonly string[]).includes(view)) state.view.value = view;
    },
    setTheme: (theme) => {
      if (theme === 'auto' || theme === 'light' || theme === 'dark') state.theme.value = theme;
    },
    setAccessToken: (token) => {
      if (token !== null && (typeof token !== 'string' || token.trim() === '')) {
        console.error(
          '[support-analytics] setAccessToken(token): the token must be a non-empty string (or null to sign out)',
        );
        return;
      }
      accessToken.set(token?.trim() ?? null);
      state.signedIn();
    },
    unmount: () => {
      for (const c of cleanups) c();
      render(null, root);
      state.dispose();
      host.remove();
    },
  };
}
