// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapterFor } from '../src/content/adapters/index.ts';
import { TAG_ELEMENT } from '../src/content/adapters/types.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../src/content/adapters/fixtures');

function load(fixture: string): Document {
  const html = readFileSync(path.join(FIXTURES, fixture), 'utf8');
  const doc = document.implementation.createHTMLDocument('fixture');
  // Only the markup: the fixtures' own scripts stand in for the host app in the real-browser tests.
  doc.documentElement.innerHTML = html.replace(/<script>[\s\S]*?<\/script>/g, '');
  return doc;
}

function adapter(url: string) {
  const found = adapterFor(new URL(url));
  if (!found) throw new Error(`no adapter for ${url}`);
  return found;
}

describe('site adapters on the fixtures', () => {
  it('picks the adapter by host and path, and none elsewhere', () => {
    expect(adapter('https://my.livechatinc.com/chats/A1/T1').name).toBe('LiveChat agent app');
    expect(adapter('https://web.telegram.org/k/#@someone').name).toBe('Telegram Web K');
    expect(adapter('https://web.telegram.org/a/#12345').name).toBe('Telegram Web A');
    expect(adapterFor(new URL('https://web.telegram.org/z/'))).toBeUndefined();
    expect(adapterFor(new URL('https://example.com/chats'))).toBeUndefined();
  });

  it('LiveChat: customer and older visitor messages, not agent messages, system lines or attachments', () => {
    const doc = load('livechat.html');
    const a = adapter('https://my.livechatinc.com/chats/A1/T1');
    const list = a.messageList(doc);
    expect(list).not.toBeNull();
    const texts = a.customerMessages(list as Element).map((m) => m.text);
    expect(texts).toEqual([
      'My withdrawal has been pending for five days, where is my money?',
      'I deposited 50 euros by card but my balance is still zero',
    ]);
  });

  it('LiveChat: the tag goes right after the text, and its own text is never read back', () => {
    const doc = load('livechat.html');
    const a = adapter('https://my.livechatinc.com/');
    const [first] = a.customerMessages(doc);
    const anchor = a.tagAnchor(first?.element as Element);
    expect(anchor.getAttribute('data-testid')).toBe('message-text');
    const tag = doc.createElement(TAG_ELEMENT);
    tag.textContent = 'Withdrawals Negative';
    anchor.append(tag);
    expect(a.customerMessages(doc)[0]?.text).toBe(first?.text);
  });

  it('LiveChat: reports no list on a page without one', () => {
    const doc = document.implementation.createHTMLDocument('empty');
    expect(adapter('https://my.livechatinc.com/').messageList(doc)).toBeNull();
  });

  it('Telegram K: incoming bubbles only, time and service bubbles left out', () => {
    const doc = load('telegram-k.html');
    const a = adapter('https://web.telegram.org/k/');
    const messages = a.customerMessages(a.messageList(doc) as Element);
    expect(messages.map((m) => m.text)).toEqual(['I forgot my password and the reset email never arrives']);
    expect(messages[0]?.element.getAttribute('data-mid')).toBe('101');
  });

  it('Telegram A: messages without .own, meta left out', () => {
    const doc = load('telegram-a.html');
    const a = adapter('https://web.telegram.org/a/');
    const messages = a.customerMessages(a.messageList(doc) as Element);
    expect(messages.map((m) => m.text)).toEqual(['Where is my free spins bonus from the promo code?']);
  });

  it('keeps working when generated class names change', () => {
    const doc = load('livechat.html');
    for (const el of doc.querySelectorAll('[class]')) {
      if (!el.classList.contains('message__text'))
        el.className = `css-${Math.random().toString(36).slice(2)}`;
    }
    const a = adapter('https://my.livechatinc.com/');
    expect(a.customerMessages(a.messageList(doc) as Element)).toHaveLength(2);
  });
});
