import { signal } from '@preact/signals';
import type { AnalyticsQuery, ChatAnswer } from '@sa/shared';
import type { ProxyClient } from '../api/client.ts';
import { describeError } from '../api/errors.ts';

export interface ChatTurn {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  status: 'streaming' | 'done' | 'error';
  /** While streaming: what the proxy is doing ("Running queries…"). */
  stage?: string;
  /** The analytics queries an answer ran (results are not kept: they are re-run when a chip opens). */
  queries?: AnalyticsQuery[];
  grounded?: boolean;
  provider?: string;
  error?: string;
}

interface Saved {
  conversationId: string | null;
  turns: ChatTurn[];
}

/** Where a conversation survives reloads; any Storage (localStorage in the page, a Map-backed one in tests). */
export type ChatStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const MAX_SAVED_TURNS = 40;

const STAGES: Record<string, string> = {
  planning: 'Understanding the question…',
  querying: 'Running queries…',
  calling_provider: 'Asking the assistant…',
  correcting: 'Checking the figures…',
  replaced: 'Switching assistant…',
  fallback: 'Switching assistant…',
};

let counter = 0;
const newId = () => `${Date.now().toString(36)}-${(counter++).toString(36)}`;

function load(storage: ChatStorage | null, key: string): Saved {
  try {
    const raw = storage?.getItem(key);
    if (raw) {
      const saved = JSON.parse(raw) as Saved;
      if (Array.isArray(saved.turns)) {
        // A reload mid-stream leaves a half answer behind: mark it so the person can retry it.
        const turns = saved.turns.map((t) =>
          t.status === 'streaming'
            ? { ...t, status: 'error' as const, error: 'Interrupted by a reload.' }
            : t,
        );
        return { conversationId: saved.conversationId ?? null, turns };
      }
    }
  } catch {
    // Unreadable or foreign data under our key: start a fresh conversation rather than fail to open.
  }
  return { conversationId: null, turns: [] };
}

export function createChat(
  client: ProxyClient,
  storage: ChatStorage | null,
  storageKey: string,
  timeZone: string,
) {
  const saved = load(storage, storageKey);
  const turns = signal<ChatTurn[]>(saved.turns);
  const busy = signal(false);
  let conversationId = saved.conversationId;
  let controller: AbortController | null = null;

  const persist = () => {
    try {
      storage?.setItem(
        storageKey,
        JSON.stringify({ conversationId, turns: turns.value.slice(-MAX_SAVED_TURNS) }),
      );
    } catch {
      // Storage full or blocked (private mode): the conversation still works, it just won't survive a reload.
    }
  };

  const update = (id: string, patch: Partial<ChatTurn>) => {
    turns.value = turns.value.map((t) => (t.id === id ? { ...t, ...patch } : t));
  };

  async function ask(question: string, assistantId: string) {
    busy.value = true;
    controller = new AbortController();
    let streamed = '';
    try {
      const answer: ChatAnswer = await client.chat(
        {
          message: question,
          time_zone: timeZone,
          ...(conversationId ? { conversation_id: conversationId } : {}),
        },
        {
          onDelta: (text) => {
            streamed += text;
            update(assistantId, { text: streamed });
          },
          onStatus: (stage) => {
            // A corrected or replaced answer supersedes what streamed so far.
            if (stage === 'correcting' || stage === 'replaced' || stage === 'fallback') streamed = '';
            update(assistantId, { stage: STAGES[stage] ?? 'Working…', text: streamed });
          },
        },
        controller.signal,
      );
      if (answer.conversation_id) conversationId = answer.conversation_id;
      update(assistantId, {
        text: answer.answer,
        stage: undefined,
        status: 'done',
        queries: answer.queries.map((q) => q.query),
        grounded: answer.grounded,
        provider: answer.provider,
      });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError')
        update(assistantId, { status: 'error', error: 'Stopped.' });
      else update(assistantId, { status: 'error', error: describeError(error) });
    } finally {
      busy.value = false;
      controller = null;
      persist();
    }
  }

  return {
    turns,
    busy,
    send(text: string): boolean {
      const question = text.trim().slice(0, 2000);
      if (!question || busy.value) return false;
      const assistantId = newId();
      turns.value = [
        ...turns.value,
        { id: newId(), role: 'user', text: question, status: 'done' },
        { id: assistantId, role: 'assistant', text: '', status: 'streaming' },
      ];
      persist();
      void ask(question, assistantId);
      return true;
    },
    /** Asks the question behind a failed answer again, in place. */
    retry(assistantId: string) {
      if (busy.value) return;
      const index = turns.value.findIndex((t) => t.id === assistantId);
      const question = turns.value
        .slice(0, index)
        .reverse()
        .find((t) => t.role === 'user');
      if (index < 0 || !question) return;
      update(assistantId, { text: '', status: 'streaming', error: undefined });
      void ask(question.text, assistantId);
    },
    stop() {
      controller?.abort();
    },
    clear() {
      controller?.abort();
      turns.value = [];
      conversationId = null;
      try {
        storage?.removeItem(storageKey);
      } catch {
        // Nothing saved to clear.
      }
    },
  };
}

export type ChatState = ReturnType<typeof createChat>;
