import browser from 'webextension-polyfill';
import { type ClassifyReply, PANEL_FILTER_KEY, ToBackground, type ToOffscreen } from '../messages.ts';
import { readSettings, SETTINGS_AREA } from '../settings.ts';
import { ensureOffscreen } from './offscreenDocument.ts';

/** Counts for diagnostics and the tests: how many texts reached the model, in how many calls. */
const stats = { texts: 0, calls: 0 };
Object.assign(globalThis, { saStats: stats });

async function customTopicsMessage(): Promise<ToOffscreen> {
  const settings = readSettings(await browser.storage.sync.get());
  return { to: 'offscreen', type: 'setCustomTopics', topics: settings.customTopics };
}

async function toOffscreen(message: ToOffscreen): Promise<unknown> {
  if (await ensureOffscreen()) {
    const topics = await customTopicsMessage();
    if (topics.type === 'setCustomTopics' && topics.topics.length) await browser.runtime.sendMessage(topics);
  }
  return browser.runtime.sendMessage(message);
}

async function classify(texts: string[]): Promise<ClassifyReply> {
  stats.texts += texts.length;
  stats.calls += 1;
  try {
    return (await toOffscreen({ to: 'offscreen', type: 'classify', texts })) as ClassifyReply;
  } catch (error) {
    return { ok: false, error: `the classifier did not answer: ${(error as Error).message}` };
  }
}

async function syncCustomTopics(): Promise<void> {
  await toOffscreen(await customTopicsMessage());
}

browser.runtime.onMessage.addListener((raw: unknown, sender: browser.Runtime.MessageSender) => {
  const parsed = ToBackground.safeParse(raw);
  if (!parsed.success) return undefined;
  const message = parsed.data;
  if (message.type === 'classify') return classify(message.texts);
  const tabId = sender.tab?.id;
  // sidePanel.open must run while the click's user gesture is still current: before any await.
  const opened = tabId === undefined ? Promise.resolve() : chrome.sidePanel.open({ tabId });
  return Promise.all([
    opened,
    browser.storage.session.set({ [PANEL_FILTER_KEY]: { topic: message.topic, at: Date.now() } }),
  ]).then(() => ({ ok: true }));
});

browser.storage.onChanged.addListener((changes, area) => {
  if (area === SETTINGS_AREA && 'customTopics' in changes) {
    void syncCustomTopics().catch((error: Error) =>
      console.warn(`custom topics not synced: ${error.message}`),
    );
  }
});

void chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
