import { useEffect, useRef } from 'preact/hooks';
import { ErrorBoundary } from '../components/states.tsx';
import { useWidget, VIEWS, type View } from '../state/widget.ts';
import { Chat } from './Chat.tsx';
import { Dashboard } from './Dashboard.tsx';
import { Messages } from './Messages.tsx';

const TITLES: Record<View, string> = { chat: 'Ask', dashboard: 'Dashboard', messages: 'Messages' };

function Tabs() {
  const w = useWidget();
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const select = (v: View, focus: boolean) => {
    w.view.value = v;
    if (focus) refs.current[v]?.focus();
  };
  return (
    <div
      class="sa-tabs"
      role="tablist"
      aria-label="Views"
      onKeyDown={(e) => {
        const i = VIEWS.indexOf(w.view.value);
        const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (step) select(VIEWS[(i + step + VIEWS.length) % VIEWS.length] as View, true);
        else if (e.key === 'Home') select(VIEWS[0], true);
        else if (e.key === 'End') select(VIEWS[VIEWS.length - 1] as View, true);
        else return;
        e.preventDefault();
      }}
    >
      {VIEWS.map((v) => (
        <button
          key={v}
          ref={(el) => {
            refs.current[v] = el;
          }}
          type="button"
          role="tab"
          id={`sa-tab-${v}`}
          aria-selected={w.view.value === v}
          aria-controls="sa-tabpanel"
          tabIndex={w.view.value === v ? 0 : -1}
          class="sa-tab"
          onClick={() => select(v, false)}
        >
          {TITLES[v]}
        </button>
      ))}
    </div>
  );
}

function LiveBadge() {
  const w = useWidget();
  const status = w.liveStatus.value;
  if (status === 'off') return null;
  return (
    <span
      class={`sa-live is-${status}`}
      title={status === 'live' ? 'Updates as messages arrive' : 'Connecting…'}
    >
      <span class="sa-live-dot" aria-hidden="true" />
      {status === 'live' ? 'Live' : 'Connecting'}
    </span>
  );
}

function ThemeToggle() {
  const w = useWidget();
  const next = { auto: 'light', light: 'dark', dark: 'auto' } as const;
  const label = { auto: 'Theme: automatic', light: 'Theme: light', dark: 'Theme: dark' }[w.theme.value];
  return (
    <button
      type="button"
      class="sa-icon-btn"
      aria-label={`${label}. Switch theme`}
      title={label}
      onClick={() => {
        w.theme.value = next[w.theme.value];
      }}
    >
      <span aria-hidden="true">{w.theme.value === 'dark' ? '☾' : w.theme.value === 'light' ? '☀' : '◐'}</span>
    </button>
  );
}

function Panel({ onClose }: { onClose?: () => void }) {
  const w = useWidget();
  const view = w.view.value;
  return (
    <>
      <header class="sa-header">
        <div class="sa-brand">
          <span class="sa-logo" aria-hidden="true" />
          <h1 class="sa-title">Support analytics</h1>
          <LiveBadge />
        </div>
        <div class="sa-header-actions">
          <ThemeToggle />
          {onClose && (
            <button type="button" class="sa-icon-btn" aria-label="Close support analytics" onClick={onClose}>
              <span aria-hidden="true">✕</span>
            </button>
          )}
        </div>
      </header>
      <Tabs />
      <div
        class="sa-tabpanel"
        id="sa-tabpanel"
        role="tabpanel"
        aria-labelledby={`sa-tab-${view}`}
        data-view={view}
      >
        <ErrorBoundary key={view} name={TITLES[view].toLowerCase()}>
          {view === 'chat' ? <Chat /> : view === 'dashboard' ? <Dashboard /> : <Messages />}
        </ErrorBoundary>
      </div>
    </>
  );
}

export function App() {
  const w = useWidget();
  const launcher = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);
  const open = w.open.value;
  const wasOpen = useRef(open);

  useEffect(() => {
    if (open && !wasOpen.current) panel.current?.focus();
    if (!open && wasOpen.current) launcher.current?.focus();
    wasOpen.current = open;
  }, [open]);

  if (w.config.mode === 'inline') {
    return (
      <section class="sa-root sa-inline" data-theme={w.theme.value} aria-label="Support analytics">
        <Panel />
      </section>
    );
  }
  const close = () => {
    w.open.value = false;
  };
  return (
    <div class="sa-root sa-floating" data-theme={w.theme.value}>
      {open && (
        <section
          ref={panel}
          class="sa-panel"
          role="dialog"
          aria-label="Support analytics"
          tabIndex={-1}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
          }}
        >
          <Panel onClose={close} />
        </section>
      )}
      <button
        ref={launcher}
        type="button"
        class={`sa-launcher${open ? ' is-open' : ''}`}
        aria-expanded={open}
        aria-label={open ? 'Close support analytics' : 'Open support analytics'}
        onClick={() => {
          w.open.value = !open;
        }}
      >
        <span aria-hidden="true">{open ? '✕' : '▦'}</span>
      </button>
    </div>
  );
}
