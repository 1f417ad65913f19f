import type { AuthorRole } from '@sa/shared';
import { z } from 'zod';
import type { InboxItem } from '../store/Store.ts';
import { WebhookPayloadError } from './errors.ts';
import { inboxItem } from './inboxPayload.ts';

// Telegram Bot API `Update` objects; only the fields we read are checked.

/** The update kinds that carry messages; setWebhook asks Telegram for these only. */
export const TELEGRAM_UPDATE_KINDS = [
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
] as const;

const TelegramMessage = z.looseObject({
  message_id: z.number().int(),
  date: z.number().int().nonnegative(),
  edit_date: z.number().int().nonnegative().optional(),
  chat: z.looseObject({ id: z.number().int(), type: z.string() }),
  from: z.looseObject({ id: z.number().int(), is_bot: z.boolean() }).optional(),
  sender_chat: z.looseObject({ id: z.number().int() }).optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
});
type TelegramMessage = z.infer<typeof TelegramMessage>;

export const TelegramUpdate = z.looseObject({
  update_id: z.number().int(),
  message: TelegramMessage.optional(),
  edited_message: TelegramMessage.optional(),
  channel_post: TelegramMessage.optional(),
  edited_channel_post: TelegramMessage.optional(),
});
export type TelegramUpdate = z.infer<typeof TelegramUpdate>;

export function parseTelegramUpdate(body: unknown): TelegramUpdate {
  const parsed = TelegramUpdate.safeParse(body);
  if (!parsed.success) throw WebhookPayloadError.fromZod('Telegram', parsed.error);
  return parsed.data;
}

/**
 * The message an update carries, if any: new and edited messages and channel posts with a text or a caption.
 * Other updates (callback queries, member changes, polls…) and messages without text (stickers, photos without
 * caption, service messages) carry none and are acknowledged without a trace.
 */
export function telegramItems(update: TelegramUpdate): InboxItem[] {
  const channel = update.channel_post ?? update.edited_channel_post;
  const message = update.message ?? update.edited_message ?? channel;
  if (!message) return [];
  const text = message.text ?? message.caption;
  if (!text?.trim()) return [];
  const ingested = {
    id: `telegram:${message.chat.id}:${message.message_id}`,
    source: 'telegram' as const,
    conversation_id: String(message.chat.id),
    author_role: authorRole(message, channel !== undefined),
    created_at: new Date(message.date * 1000).toISOString(),
    text,
  };
  // The original is revision 0 and each edit its edit_date, so a late original never overwrites an edit.
  return [inboxItem(ingested, message.edit_date ?? 0, message)];
}

/** Channel posts and messages sent on behalf of a chat (anonymous admins) are the operator's own. */
function authorRole(message: TelegramMessage, isChannelPost: boolean): AuthorRole {
  if (message.from?.is_bot) return 'bot';
  if (isChannelPost || message.sender_chat) return 'agent';
  return 'customer';
}
