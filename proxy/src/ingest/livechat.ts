import type { AuthorRole } from '@sa/shared';
import { z } from 'zod';
import type { InboxItem } from '../store/Store.ts';
import { WebhookPayloadError } from './errors.ts';
import { inboxItem } from './inboxPayload.ts';

// LiveChat webhooks (Configuration API v3.5): `{ webhook_id, secret_key, action, organization_id, payload,
// additional_data }`. Only the fields we read are checked; everything else passes through untouched.

const LivechatEvent = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  text: z.string().optional(),
  author_id: z.string().min(1).optional(),
  created_at: z.iso.datetime({ offset: true }),
});
type LivechatEvent = z.infer<typeof LivechatEvent>;

const LivechatUser = z.looseObject({ id: z.string(), type: z.string() });

export const LivechatWebhook = z.looseObject({
  webhook_id: z.string(),
  secret_key: z.string(),
  action: z.string().min(1),
  organization_id: z.string().optional(),
  payload: z.record(z.string(), z.unknown()),
  additional_data: z.unknown().optional(),
});
export type LivechatWebhook = z.infer<typeof LivechatWebhook>;

const IncomingEventPayload = z.looseObject({
  chat_id: z.string().min(1),
  thread_id: z.string().min(1),
  event: LivechatEvent,
});

const IncomingChatPayload = z.looseObject({
  chat: z.looseObject({
    id: z.string().min(1),
    users: z.array(LivechatUser).optional(),
    thread: z.looseObject({ id: z.string().min(1), events: z.array(LivechatEvent) }),
  }),
});

/** Reads the envelope; the secret is checked on it before the payload is looked at. */
export function parseLivechatWebhook(body: unknown): LivechatWebhook {
  const parsed = LivechatWebhook.safeParse(body);
  if (!parsed.success) throw WebhookPayloadError.fromZod('LiveChat', parsed.error);
  return parsed.data;
}

/**
 * The messages a LiveChat webhook carries: `incoming_event` one, `incoming_chat` those of its thread,
 * `event_updated` the edited event's new text. Only `message` events with text become messages (files, forms,
 * system messages do not). Other actions carry none; the receiver acknowledges them so LiveChat does not retry.
 *
 * `receivedAt` orders edits: an `event_updated` carries the event as it is now but no edit time or version, so
 * its revision is the time the proxy received it (originals are revision 0). A newer edit therefore wins over
 * an older one that arrives late, and an original that arrives after an edit never overwrites it. The cost: a
 * redelivered edit is a new revision, so its (identical) text is written again and streamed as one more
 * `message.updated`, never as a second message.
 */
export function livechatItems(webhook: LivechatWebhook, receivedAt: Date): InboxItem[] {
  if (webhook.action === 'incoming_event') {
    const payload = parsePayload(IncomingEventPayload, webhook.payload);
    return messageItems(payload.chat_id, [payload.event], new Map(), 0);
  }
  if (webhook.action === 'incoming_chat') {
    const { chat } = parsePayload(IncomingChatPayload, webhook.payload);
    const users = new Map((chat.users ?? []).map((u) => [u.id, u.type]));
    return messageItems(chat.id, chat.thread.events, users, 0);
  }
  if (webhook.action === 'event_updated') {
    const payload = parsePayload(IncomingEventPayload, webhook.payload);
    return messageItems(payload.chat_id, [payload.event], new Map(), receivedAt.getTime());
  }
  return [];
}

function parsePayload<T extends z.ZodType>(schema: T, payload: unknown): z.infer<T> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw WebhookPayloadError.fromZod('LiveChat', parsed.error, ['payload']);
  return parsed.data;
}

function messageItems(
  chatId: string,
  events: LivechatEvent[],
  users: Map<string, string>,
  revision: number,
): InboxItem[] {
  return events.flatMap((event) => {
    if (event.type !== 'message' || !event.text?.trim()) return [];
    const message = {
      id: `livechat:${chatId}:${event.id}`,
      source: 'livechat' as const,
      conversation_id: chatId,
      author_role: authorRole(event.author_id, users),
      created_at: new Date(event.created_at).toISOString(),
      text: event.text,
    };
    return [inboxItem(message, revision, event)];
  });
}

// LiveChat agent ids are the agents' e-mail addresses and bot agents have 32-hex-digit ids, while customer
// ids are UUIDs; `incoming_chat` also names each user's type, which wins when present.
const BOT_ID = /^[0-9a-f]{32}$/i;

export function authorRole(authorId: string | undefined, users: Map<string, string>): AuthorRole {
  if (!authorId) return 'customer';
  const type = users.get(authorId);
  if (type === 'customer') return 'customer';
  if (BOT_ID.test(authorId)) return 'bot';
  if (type === 'agent' || authorId.includes('@')) return 'agent';
  return 'customer';
}
