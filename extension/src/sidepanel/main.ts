import { mount, type WidgetHandle } from '@sa/widget';
import browser from 'webextension-polyfill';
import { PANEL_FILTER_KEY, PanelTopic } from '../messages.ts';
import { readSettings } from '../settings.ts';

const app = document.getElementById('app') as HTMLElement;

function showProblem(text: string): void {
  const p = document.createElement('p');
  p.className = 'problem';
  p.textContent = text;
  app.replaceChildren(p);
}

/** A tag click leaves its topic in session storage; the dashboard opens filtered to it. */
function applyTopic(handle: WidgetHandle, value: unknown): void {
  const parsed = PanelTopic.safeParse(value);
  if (!parsed.success) return;
  handle.setFilters({ topics: [parsed.data.topic] });
  handle.setView('dashboard');
}

async function start(): Promise<void> {
  const settings = readSettings(await browser.storage.sync.get());
  const handle = mount(app, {
    proxyUrl: settings.proxyUrl,
    ...(settings.siteKey ? { siteKey: settings.siteKey } : {}),
    mode: 'inline',
    hash: false,
  });
  const pending = await browser.storage.session.get(PANEL_FILTER_KEY);
  applyTopic(handle, pending[PANEL_FILTER_KEY]);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && changes[PANEL_FILTER_KEY])
      applyTopic(handle, changes[PANEL_FILTER_KEY].newValue);
    if (area === 'sync' && (changes.proxyUrl || changes.siteKey)) location.reload();
  });
}

start().catch((error: Error) =>
  showProblem(`The dashboard could not start: ${error.message}. Check the extension's options.`),
);
