import { MessageInput } from '@sa/shared';
import type { z } from 'zod';
import type { InboxItem } from '../store/Store.ts';

/** The message fields a receiver read from a webhook; labels come later, from the inbox worker. */
export const IngestedMessage = MessageInput.pick({
  id: true,
  source: true,
  conversation_id: true,
  author_role: true,
  created_at: true,
  text: true,
});
export type IngestedMessage = z.infer<typeof IngestedMessage>;

/**
 * One inbox item: its payload holds the message and the platform's own event object, kept as delivered (the
 * worker reads only the message; dead letters show both). The message is not validated here (the receiver only
 * checks the platform's shape): a text the store would refuse, e.g. over 8,000 characters, is still accepted and
 * then dead-lettered with the reason, so the platform does not retry it forever and an operator can see it.
 */
export function inboxItem(message: IngestedMessage, revision: number, event: unknown): InboxItem {
  return { id: message.id, revision, payload: { message, event } };
}
