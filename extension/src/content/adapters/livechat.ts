import { type CustomerMessage, firstMatch, type SiteAdapter, textOf } from './types.ts';

/** LiveChat agent app hooks (spec: host-pages.md). */
export const LIVECHAT_SELECTORS = {
  list: ['[data-testid="messages-list"]'],
  customer: '[data-testid="customer-message"], [data-testid="visitor-message"]',
  text: ['[data-testid="message-text"]', '.message__text'],
} as const;

export const livechatAdapter: SiteAdapter = {
  site: 'livechat',
  name: 'LiveChat agent app',
  matches: (url) => url.hostname === 'my.livechatinc.com',
  messageList: (doc) => firstMatch(doc, LIVECHAT_SELECTORS.list),
  customerMessages(root) {
    const out: CustomerMessage[] = [];
    for (const element of root.querySelectorAll(LIVECHAT_SELECTORS.customer)) {
      const text = textOf(firstMatch(element, LIVECHAT_SELECTORS.text) ?? element);
      if (text) out.push({ element, text });
    }
    return out;
  },
  tagAnchor: (message) => firstMatch(message, LIVECHAT_SELECTORS.text) ?? message.lastElementChild ?? message,
};
