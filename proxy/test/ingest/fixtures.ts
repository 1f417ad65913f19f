/**
 * Webhook bodies in the platforms' documented shapes: LiveChat Configuration API v3.5 webhooks
 * (`incoming_event`, `incoming_chat`) and Telegram Bot API `Update` objects.
 */

export const LIVECHAT_SECRET = 'lc-webhook-secret-0123456789';
export const TELEGRAM_SECRET = 'tg_secret_token-0123456789';

export const CUSTOMER_ID = 'b7eff798-f8df-4364-8059-649c35c9ed0c';
export const AGENT_ID = 'anna.agent@casino.example';
export const BOT_ID = '5c9871d5372c824cbf22d860a707a578';

export interface LivechatEventSpec {
  id: string;
  text?: string;
  type?: string;
  author_id?: string;
  created_at?: string;
}

function livechatEvent(spec: LivechatEventSpec) {
  return {
    id: spec.id,
    created_at: spec.created_at ?? '2026-11-25T10:00:00.000000Z',
    visibility: 'all',
    type: spec.type ?? 'message',
    ...(spec.text === undefined ? {} : { text: spec.text }),
    author_id: spec.author_id ?? CUSTOMER_ID,
    properties: {},
  };
}

function envelope<P>(action: string, payload: P, secret = LIVECHAT_SECRET) {
  return {
    webhook_id: '4a2de2c1a4d3f2bd8b7f9a1e0c5d6e7f',
    secret_key: secret,
    action,
    organization_id: '390e44e6-f1e6-0368-c05b-5e2d6a7ef7f0',
    payload,
    additional_data: {
      chat_properties: { source: { client_id: '0805e283233042b37f460ed8fbf22160' } },
      chat_presence_user_ids: [CUSTOMER_ID, AGENT_ID],
    },
  };
}

export function livechatIncomingEvent(
  chatId: string,
  event: LivechatEventSpec,
  options: { secret?: string; threadId?: string } = {},
) {
  return envelope(
    'incoming_event',
    { chat_id: chatId, thread_id: options.threadId ?? `T-${chatId}`, event: livechatEvent(event) },
    options.secret,
  );
}

/** `event_updated`: the same payload shape as `incoming_event`, carrying the event as it is after the edit. */
export function livechatEventUpdated(chatId: string, event: LivechatEventSpec) {
  return envelope('event_updated', {
    chat_id: chatId,
    thread_id: `T-${chatId}`,
    event: livechatEvent(event),
  });
}

export function livechatIncomingChat(chatId: string, events: LivechatEventSpec[]) {
  return envelope('incoming_chat', {
    chat: {
      id: chatId,
      users: [
        { id: CUSTOMER_ID, type: 'customer', name: 'Max', email: 'max@player.example', present: true },
        { id: AGENT_ID, type: 'agent', name: 'Anna', email: AGENT_ID, present: true },
      ],
      thread: {
        id: `T-${chatId}`,
        active: true,
        user_ids: [CUSTOMER_ID, AGENT_ID],
        events: events.map(livechatEvent),
        properties: {},
        access: { group_ids: [0] },
        created_at: '2026-11-25T09:59:00.000000Z',
      },
      properties: {},
      access: { group_ids: [0] },
    },
  });
}

export interface TelegramSpec {
  chatId?: number;
  messageId: number;
  text?: string;
  caption?: string;
  date?: number;
  editDate?: number;
  fromBot?: boolean;
}

export const TELEGRAM_DATE = Date.UTC(2026, 10, 25, 10, 0) / 1000;

function telegramMessage(spec: TelegramSpec, chatType = 'private') {
  const chatId = spec.chatId ?? 424242;
  return {
    message_id: spec.messageId,
    ...(chatType === 'channel'
      ? { sender_chat: { id: chatId, title: 'Casino News', type: 'channel' } }
      : {
          from: {
            id: spec.fromBot ? 777000 : 1111111,
            is_bot: spec.fromBot ?? false,
            first_name: spec.fromBot ? 'HelpBot' : 'Max',
            language_code: 'en',
          },
        }),
    chat:
      chatType === 'channel'
        ? { id: chatId, title: 'Casino News', type: 'channel' }
        : { id: chatId, first_name: 'Max', type: 'private' },
    date: spec.date ?? TELEGRAM_DATE,
    ...(spec.editDate === undefined ? {} : { edit_date: spec.editDate }),
    ...(spec.text === undefined ? {} : { text: spec.text }),
    ...(spec.caption === undefined
      ? {}
      : {
          caption: spec.caption,
          photo: [{ file_id: 'AgAD', file_unique_id: 'AQAD', width: 90, height: 51 }],
        }),
  };
}

export function telegramUpdate(
  updateId: number,
  kind: 'message' | 'edited_message' | 'channel_post',
  spec: TelegramSpec,
) {
  return {
    update_id: updateId,
    [kind]: telegramMessage(spec, kind === 'channel_post' ? 'channel' : 'private'),
  };
}
