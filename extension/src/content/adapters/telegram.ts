import { type CustomerMessage, firstMatch, type SiteAdapter, textOf } from './types.ts';

/** Telegram Web K (web.telegram.org/k) hooks (spec: host-pages.md). */
export const TELEGRAM_K_SELECTORS = {
  list: ['.bubbles-inner', '.bubbles'],
  /** Incoming bubbles carry the message id; service bubbles (dates, joins) do not. */
  customer: '.bubble.is-in[data-mid]',
  text: ['.translatable-message', '.message'],
  /** Inside `.message`: the time and reactions are not the customer's words. */
  skip: '.time, .time-inner, .reactions, .bubble-name',
} as const;

/** Telegram Web A (web.telegram.org/a) hooks: `.Message`, outgoing ones `.own`. */
export const TELEGRAM_A_SELECTORS = {
  list: ['.MessageList', '#MiddleColumn'],
  customer: '.Message:not(.own)',
  text: ['.text-content'],
  skip: '.MessageMeta, .Reactions',
} as const;

function telegramPath(url: URL, letter: 'k' | 'a'): boolean {
  return url.hostname === 'web.telegram.org' && url.pathname.startsWith(`/${letter}`);
}

function collect(
  root: ParentNode,
  selectors: { customer: string; text: readonly string[]; skip: string },
): CustomerMessage[] {
  const out: CustomerMessage[] = [];
  for (const element of root.querySelectorAll(selectors.customer)) {
    const textElement = firstMatch(element, selectors.text);
    // A bubble without text (sticker, photo without caption) has nothing to classify.
    if (!textElement) continue;
    const text = textOf(textElement, selectors.skip);
    if (text) out.push({ element, text });
  }
  return out;
}

export const telegramKAdapter: SiteAdapter = {
  site: 'telegram',
  name: 'Telegram Web K',
  matches: (url) => telegramPath(url, 'k'),
  messageList: (doc) => firstMatch(doc, TELEGRAM_K_SELECTORS.list),
  customerMessages: (root) => collect(root, TELEGRAM_K_SELECTORS),
  tagAnchor: (message) => firstMatch(message, TELEGRAM_K_SELECTORS.text) ?? message,
};

export const telegramAAdapter: SiteAdapter = {
  site: 'telegram',
  name: 'Telegram Web A',
  matches: (url) => telegramPath(url, 'a'),
  messageList: (doc) => firstMatch(doc, TELEGRAM_A_SELECTORS.list),
  customerMessages: (root) => collect(root, TELEGRAM_A_SELECTORS),
  tagAnchor: (message) => firstMatch(message, TELEGRAM_A_SELECTORS.text) ?? message,
};
