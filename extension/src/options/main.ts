import { TOPIC_INFO, TOPICS } from '@sa/shared/taxonomy';
import browser from 'webextension-polyfill';
import { readSettings, type Settings, SITES } from '../settings.ts';
import { parseOptionsForm } from './form.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $('status');

function show(text: string, error = false): void {
  status.textContent = text;
  status.classList.toggle('error', error);
}

function fill(settings: Settings): void {
  $<HTMLInputElement>('proxyUrl').value = settings.proxyUrl;
  $<HTMLInputElement>('siteKey').value = settings.siteKey;
  $<HTMLInputElement>('tagsEnabled').checked = settings.tagsEnabled;
  for (const site of SITES) $<HTMLInputElement>(`site-${site}`).checked = settings.sites[site];
  const colours = $('colours');
  colours.replaceChildren(
    ...TOPICS.map((topic) => {
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'color';
      input.id = `colour-${topic}`;
      input.value = settings.topicColours[topic] ?? '#757575';
      label.append(input, ` ${TOPIC_INFO[topic].label}`);
      return label;
    }),
  );
  $<HTMLTextAreaElement>('customTopics').value = JSON.stringify(settings.customTopics, null, 2);
}

function readForm() {
  return parseOptionsForm({
    proxyUrl: $<HTMLInputElement>('proxyUrl').value,
    siteKey: $<HTMLInputElement>('siteKey').value,
    tagsEnabled: $<HTMLInputElement>('tagsEnabled').checked,
    sites: Object.fromEntries(SITES.map((s) => [s, $<HTMLInputElement>(`site-${s}`).checked])),
    topicColours: Object.fromEntries(TOPICS.map((t) => [t, $<HTMLInputElement>(`colour-${t}`).value])),
    customTopics: $<HTMLTextAreaElement>('customTopics').value,
  });
}

/** A proxy on another host than the pre-granted local ones needs the user's permission to be reached. */
async function allowProxy(proxyUrl: string): Promise<boolean> {
  const origin = `${new URL(proxyUrl).origin}/*`;
  if (await browser.permissions.contains({ origins: [origin] })) return true;
  return browser.permissions.request({ origins: [origin] });
}

$('options').addEventListener('submit', (event) => {
  event.preventDefault();
  const parsed = readForm();
  if (!parsed.ok) {
    show(parsed.error, true);
    return;
  }
  // permissions.request must start inside the click's gesture, before anything else is awaited.
  allowProxy(parsed.settings.proxyUrl)
    .then(async (allowed) => {
      await browser.storage.sync.set(parsed.settings);
      show(
        allowed ? 'Saved.' : 'Saved, but the side panel cannot reach the proxy until you allow its host.',
        !allowed,
      );
    })
    .catch((error: Error) => show(`Not saved: ${error.message}`, true));
});

browser.storage.sync
  .get()
  .then((stored) => fill(readSettings(stored)))
  .catch((error: Error) => show(error.message, true));
