import { describe, expect, it } from 'vitest';
import { WebhookPayloadError } from '../../src/ingest/errors.ts';
import { livechatItems, parseLivechatWebhook } from '../../src/ingest/livechat.ts';
import { secretMatcher } from '../../src/ingest/secret.ts';
import { parseTelegramUpdate, telegramItems } from '../../src/ingest/telegram.ts';
import {
  AGENT_ID,
  BOT_ID,
  CUSTOMER_ID,
  livechatEventUpdated,
  livechatIncomingChat,
  livechatIncomingEvent,
  TELEGRAM_DATE,
  telegramUpdate,
} from './fixtures.ts';

const RECEIVED_AT = new Date('2026-11-25T12:00:00Z');
const livechat = (body: unknown) => livechatItems(parseLivechatWebhook(body), RECEIVED_AT);
const telegram = (body: unknown) => telegramItems(parseTelegramUpdate(body));
const messages = (items: { payload: Record<string, unknown> }[]) => items.map((i) => i.payload.message);

describe('LiveChat webhooks', () => {
  it('turn an incoming_event message into one message with the documented id and the event kept', () => {
    const body = livechatIncomingEvent('PJ0MRSHTDG', {
      id: 'Q298LUVPRH_1',
      text: 'my withdrawal is pending',
      created_at: '2026-11-25T10:00:01.541000Z',
    });
    const items = livechat(body);
    expect(items).toHaveLength(1);
    expect(items[0]?.id).toBe('livechat:PJ0MRSHTDG:Q298LUVPRH_1');
    expect(items[0]?.revision).toBe(0);
    expect(items[0]?.payload).toEqual({
      message: {
        id: 'livechat:PJ0MRSHTDG:Q298LUVPRH_1',
        source: 'livechat',
        conversation_id: 'PJ0MRSHTDG',
        author_role: 'customer',
        created_at: '2026-11-25T10:00:01.541Z',
        text: 'my withdrawal is pending',
      },
      event: body.payload.event,
    });
  });

  it('read the author role: customer UUIDs, agents by e-mail id, bots by 32-hex id', () => {
    const roles = [CUSTOMER_ID, AGENT_ID, BOT_ID].map(
      (author_id, i) =>
        (
          messages(livechat(livechatIncomingEvent('C1', { id: `E${i}`, text: 'hi', author_id })))[0] as {
            author_role: string;
          }
        ).author_role,
    );
    expect(roles).toEqual(['customer', 'agent', 'bot']);
  });

  it('take every message event of an incoming_chat thread, with roles from the chat users', () => {
    const items = livechat(
      livechatIncomingChat('C2', [
        { id: 'E1', text: 'cannot log in', author_id: CUSTOMER_ID },
        { id: 'E2', type: 'system_message', text: 'Chat transferred' },
        { id: 'E3', text: 'let me check', author_id: AGENT_ID },
        { id: 'E4', type: 'file' },
        { id: 'E5', text: '   ' },
      ]),
    );
    expect(messages(items)).toMatchObject([
      { id: 'livechat:C2:E1', author_role: 'customer', text: 'cannot log in' },
      { id: 'livechat:C2:E3', author_role: 'agent', text: 'let me check' },
    ]);
  });

  it('turn an event_updated message into a new revision of the same message, ordered by receipt', () => {
    const items = livechat(livechatEventUpdated('C1', { id: 'E1', text: 'edited: card deposit failed' }));
    expect(items.map((i) => [i.id, i.revision])).toEqual([['livechat:C1:E1', RECEIVED_AT.getTime()]]);
    expect(messages(items)[0]).toMatchObject({
      text: 'edited: card deposit failed',
      author_role: 'customer',
    });
    // An update of a non-message event (a file, a form) carries no message.
    expect(livechat(livechatEventUpdated('C1', { id: 'E2', type: 'file' }))).toEqual([]);
  });

  it('carry no message for other actions (acknowledged, not retried)', () => {
    const body = { ...livechatIncomingEvent('C1', { id: 'E1', text: 'x' }), action: 'chat_deactivated' };
    expect(livechat(body)).toEqual([]);
  });

  it('refuse bodies that are not a LiveChat webhook, naming the field', () => {
    expect(() => parseLivechatWebhook({ action: 'incoming_event' })).toThrow(WebhookPayloadError);
    expect(() => parseLivechatWebhook([1, 2])).toThrow(/not a LiveChat webhook body/);
    const noEvent = livechatIncomingEvent('C1', { id: 'E1', text: 'x' }) as Record<string, unknown>;
    noEvent.payload = { chat_id: 'C1', thread_id: 'T1' };
    try {
      livechat(noEvent);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(WebhookPayloadError);
      expect((error as WebhookPayloadError).issues[0]?.path).toBe('payload.event');
    }
    const badDate = livechatIncomingEvent('C1', { id: 'E1', text: 'x', created_at: 'yesterday' });
    expect(() => livechat(badDate)).toThrow(/payload\.event\.created_at/);
  });
});

describe('Telegram updates', () => {
  it('turn a message into telegram:<chat>:<message> at its date', () => {
    const items = telegram(
      telegramUpdate(1, 'message', { chatId: 42, messageId: 7, text: 'deposit missing' }),
    );
    expect(items.map((i) => [i.id, i.revision])).toEqual([['telegram:42:7', 0]]);
    expect(messages(items)[0]).toEqual({
      id: 'telegram:42:7',
      source: 'telegram',
      conversation_id: '42',
      author_role: 'customer',
      created_at: new Date(TELEGRAM_DATE * 1000).toISOString(),
      text: 'deposit missing',
    });
  });

  it('give an edit the same id at its edit_date revision, keeping the original time', () => {
    const edit = telegramUpdate(2, 'edited_message', {
      chatId: 42,
      messageId: 7,
      text: 'deposit of 50 EUR missing',
      editDate: TELEGRAM_DATE + 30,
    });
    const [item] = telegram(edit);
    expect(item?.id).toBe('telegram:42:7');
    expect(item?.revision).toBe(TELEGRAM_DATE + 30);
    expect(item?.payload.message).toMatchObject({ created_at: new Date(TELEGRAM_DATE * 1000).toISOString() });
  });

  it('read captions, channel posts (agent) and bot senders', () => {
    expect(
      messages(telegram(telegramUpdate(3, 'message', { messageId: 8, caption: 'screenshot of the error' }))),
    ).toMatchObject([{ text: 'screenshot of the error', author_role: 'customer' }]);
    expect(
      messages(
        telegram(
          telegramUpdate(4, 'channel_post', { chatId: -100, messageId: 9, text: 'Maintenance tonight' }),
        ),
      ),
    ).toMatchObject([{ id: 'telegram:-100:9', author_role: 'agent' }]);
    expect(
      messages(
        telegram(telegramUpdate(5, 'message', { messageId: 10, text: 'Hi, I am a bot', fromBot: true })),
      ),
    ).toMatchObject([{ author_role: 'bot' }]);
  });

  it('carry nothing for other update kinds and messages without text', () => {
    expect(telegram({ update_id: 6, callback_query: { id: '1', data: 'x' } })).toEqual([]);
    expect(telegram(telegramUpdate(7, 'message', { messageId: 11 }))).toEqual([]);
  });

  it('refuse bodies that are not an Update', () => {
    expect(() => parseTelegramUpdate({ message: {} })).toThrow(/update_id/);
    expect(() => telegram({ update_id: 8, message: { message_id: 'x', date: 1, chat: { id: 1 } } })).toThrow(
      WebhookPayloadError,
    );
  });
});

describe('secretMatcher', () => {
  it('accepts only the exact secret, whatever the length of the guess', () => {
    const secretMatches = secretMatcher('s3cret-value');
    expect(secretMatches('s3cret-value')).toBe(true);
    expect(secretMatches('s3cret-valuE')).toBe(false);
    expect(secretMatches('s3cret')).toBe(false);
    expect(secretMatches('')).toBe(false);
    expect(secretMatches(undefined)).toBe(false);
  });
});
