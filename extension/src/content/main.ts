import { MAX_TEXT_LENGTH } from '@sa/shared';
import browser from 'webextension-polyfill';
import { ClassifyReply, type ToBackground } from '../messages.ts';
import { readSettings, type Settings } from '../settings.ts';
import { adapterFor } from './adapters/index.ts';
import type { SiteAdapter } from './adapters/types.ts';
import { planScan, ResultCache } from './diff.ts';
import { classifyWithRetry } from './retry.ts';
import { renderStatus, renderTag, reserveTag, type TagStatus, taggedText, tagOf } from './tags.ts';

const BATCH = 64;

async function classify(texts: string[]): Promise<ClassifyReply> {
  const request: ToBackground = { to: 'background', type: 'classify', texts };
  const parsed = ClassifyReply.safeParse(await browser.runtime.sendMessage(request));
  return parsed.success ? parsed.data : { ok: false, error: 'the extension sent an unreadable answer' };
}

function openTopic(topic: string): void {
  void browser.runtime.sendMessage({ to: 'background', type: 'openTopic', topic });
}

/** Watches one page: every customer message gets a tag; each distinct text is classified once. */
function watch(adapter: SiteAdapter, initial: Settings): { stop(): void; update(settings: Settings): void } {
  let settings = initial;
  let cache = new ResultCache();
  let scheduled: ReturnType<typeof setTimeout> | undefined;
  let reportedMissing = false;

  const scan = () => {
    scheduled = undefined;
    const root = adapter.messageList(document);
    if (!root) {
      if (!reportedMissing)
        console.info(`[support analytics] no message list found on this ${adapter.name} page yet`);
      reportedMissing = true;
      return;
    }
    const messages = adapter
      .customerMessages(root)
      .map((m) => ({ ...m, text: m.text.slice(0, MAX_TEXT_LENGTH) }));
    const plan = planScan(messages, cache, taggedText);
    for (const { message, result } of plan.render) {
      const host = reserveTag(message.element, adapter.tagAnchor(message.element));
      renderTag(host, message.text, result, settings, { onTopic: openTopic });
    }
    if (!plan.classify.length) return;
    const waiting = new Set(plan.classify);
    for (const message of messages) {
      if (!waiting.has(message.text)) continue;
      const host = reserveTag(message.element, adapter.tagAnchor(message.element));
      // A node reused for another message must not keep showing the old message's topics.
      if (host.dataset.text !== message.text) host.shadowRoot?.replaceChildren();
    }
    cache.markPending(plan.classify);
    for (let i = 0; i < plan.classify.length; i += BATCH) void send(plan.classify.slice(i, i + BATCH));
  };

  /** Shows a status on the tags of these texts' messages (a failed batch's Retry sends it again). */
  const markTags = (texts: string[], status: TagStatus, error: string) => {
    const root = adapter.messageList(document);
    if (!root) return;
    const wanted = new Set(texts);
    const retry = () => {
      cache.forget(texts);
      schedule();
    };
    for (const message of adapter.customerMessages(root)) {
      const text = message.text.slice(0, MAX_TEXT_LENGTH);
      if (!wanted.has(text) || taggedText(message.element) === text) continue;
      renderStatus(reserveTag(message.element, adapter.tagAnchor(message.element)), status, error, retry);
    }
  };

  const send = async (texts: string[]) => {
    const reply = await classifyWithRetry(() => classify(texts), {
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      onRetry: (_retry, _ms, error) => markTags(texts, 'retrying', error),
    });
    if (reply.ok) {
      cache.settle(texts, reply.results);
      schedule();
      return;
    }
    // Left pending after the retries: re-sending on every mutation would only repeat the failure; the
    // tag's Retry button (or a reload) tries again.
    console.warn(`[support analytics] could not tag ${texts.length} message(s): ${reply.error}`);
    markTags(texts, 'failed', reply.error);
  };

  const schedule = () => {
    scheduled ??= setTimeout(scan, 0);
  };

  const observer = new MutationObserver(schedule);
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  schedule();
  return {
    stop() {
      observer.disconnect();
      if (scheduled) clearTimeout(scheduled);
      for (const tag of document.querySelectorAll('sa-topic-tag')) tag.remove();
    },
    update(next) {
      // Results made without (or with other) custom topics are stale; colours and sites are not.
      if (JSON.stringify(next.customTopics) !== JSON.stringify(settings.customTopics))
        cache = new ResultCache();
      settings = next;
      for (const message of adapter.customerMessages(document)) tagOf(message.element)?.remove();
      schedule();
    },
  };
}

async function start(): Promise<void> {
  const adapter = adapterFor(new URL(location.href));
  if (!adapter) return;
  let watcher: ReturnType<typeof watch> | undefined;
  const apply = (settings: Settings) => {
    const on = settings.tagsEnabled && settings.sites[adapter.site];
    if (!on) {
      watcher?.stop();
      watcher = undefined;
    } else if (watcher) watcher.update(settings);
    else watcher = watch(adapter, settings);
  };
  const load = async () => readSettings(await browser.storage.sync.get());
  apply(await load());
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'sync')
      void load().then(apply, (error: Error) => console.warn(`[support analytics] ${error.message}`));
  });
}

void start().catch((error: Error) => console.warn(`[support analytics] ${error.message}`));
