/** What the chat reports while it works; the HTTP route turns each into a server-sent event. */
export type ChatEventName = 'status' | 'tool' | 'delta' | 'final';

export interface ChatEvents {
  emit(event: ChatEventName, data: unknown): void;
}

export const SILENT: ChatEvents = { emit() {} };
