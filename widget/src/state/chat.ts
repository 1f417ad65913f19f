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

function load(storage: ChatStorage | null, key: string | null): Saved {
  try {
    const raw = key === null ? null : storage?.getItem(key);
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

function forget(storage: ChatStorage | null, key: string | null) {
  try {
    if (key !== null) storage?.removeItem(key);
  } catch {
    // Nothing saved to clear.
  }
}

/**
 * The conversation in view, saved under `storageKey` (chatOwner.ts: per site and signed-in user). A null key
 * means whose it is is not known yet (the host's getAccessToken has not answered): nothing is read or saved
 * until setOwner() says.
 */
export function createChat(
  client: ProxyClient,
  storage: ChatStorage | null,
  storageKey: string | null,
  timeZone: string,
) {
  let key = storageKey;
  const saved = load(storage, key);
  const turns = signal<ChatTurn[]>(saved.turns);
  const busy = signal(false);
  let conversationId = saved.conversationId;
  let controller: AbortController | null = null;

  const persist = () => {
    try {
      if (key !== null)
        storage?.setItem(key, JSON.stringify({ conversationId, turns: turns.value.slice(-MAX_SAVED_TURNS) }));
    } catch {
      // Storage full or blocked (private mode): the conversation still works, it just won't survive a reload.
    }
  };
  const show = ({ conversationId: id, turns: saved }: Saved) => {
    conversationId = id;
    turns.value = saved;
  };

  const update = (id: string, patch: Partial<ChatTurn>) => {
    turns.value = turns.value.map((t) => (t.id === id ? { ...t, ...patch } : t));
  };

  async function ask(question: string, assistantId: string) {
    busy.value = true;
    const mine = new AbortController();
    controller = mine;
    // False once setOwner() put another user's conversation in view: this answer then belongs to no one on screen.
    const inView = () => controller === mine;
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
        mine.signal,
      );
      if (!inView()) return;
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
      if (!inView()) return;
      if ((error as Error)?.name === 'AbortError')
        update(assistantId, { status: 'error', error: 'Stopped.' });
      else update(assistantId, { status: 'error', error: describeError(error) });
    } finally {
      if (inView()) {
        busy.value = false;
        controller = null;
        persist();
      }
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
      show({ conversationId: null, turns: [] });
      forget(storage, key);
    },
    /**
     * The signed-in user changed (another user, or signed out): the conversation in view is stopped and
     * replaced by the one saved for `next`, and the previous user's is removed from this browser, so it is
     * not left behind on a shared computer. From an unknown owner nothing is removed: what was asked
     * meanwhile was asked by the user the token turned out to be.
     */
    setOwner(next: string | null) {
      if (next === key) return;
      const previous = key;
      key = next;
      if (previous === null && turns.value.length > 0) {
        persist();
        return;
      }
      controller?.abort();
      controller = null;
      busy.value = false;
      forget(storage, previous);
      show(load(storage, next));
    },
  };
}

export type ChatState = ReturnType<typeof createChat>;
