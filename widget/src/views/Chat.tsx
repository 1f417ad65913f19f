import { useSignal } from '@preact/signals';
import type { AnalyticsQuery } from '@sa/shared';
import { useEffect, useRef } from 'preact/hooks';
import { describeQuery } from '../components/labels.ts';
import type { ChatTurn } from '../state/chat.ts';
import { useWidget } from '../state/widget.ts';

export const SUGGESTIONS = [
  'How many withdrawal complaints did we get last week?',
  'What share of messages were angry this month?',
  'Which topics grew the most in the last 7 days?',
  'Show deposit problems on Telegram yesterday',
];

function CopyButton({ text }: { text: string }) {
  const copied = useSignal(false);
  return (
    <button
      type="button"
      class="sa-btn sa-btn-ghost sa-btn-sm"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          copied.value = true;
          setTimeout(() => {
            copied.value = false;
          }, 1500);
        } catch {
          copied.value = false;
        }
      }}
    >
      {copied.value ? 'Copied' : 'Copy'}
    </button>
  );
}

function QueryChips({ queries }: { queries: AnalyticsQuery[] }) {
  const w = useWidget();
  const seen = new Set<string>();
  const unique = queries.filter((q) => {
    const label = describeQuery(q, w.timeZone);
    if (seen.has(label)) return false;
    seen.add(label);
    return true;
  });
  if (unique.length === 0) return null;
  return (
    <ul class="sa-query-chips" aria-label="Data behind this answer">
      {unique.map((q) => (
        <li key={describeQuery(q, w.timeZone)}>
          <button
            type="button"
            class="sa-chip sa-chip-query"
            title="Open the dashboard with these filters"
            onClick={() => w.openWith(q.filters)}
          >
            <span aria-hidden="true">▦</span> {describeQuery(q, w.timeZone)}
          </button>
        </li>
      ))}
    </ul>
  );
}

function Turn({ turn }: { turn: ChatTurn }) {
  const w = useWidget();
  if (turn.role === 'user') {
    return (
      <li class="sa-turn sa-turn-user">
        <p class="sa-bubble">{turn.text}</p>
      </li>
    );
  }
  return (
    <li class="sa-turn sa-turn-assistant" aria-busy={turn.status === 'streaming'}>
      <div class="sa-bubble">
        {turn.text ? (
          <p class="sa-answer">{turn.text}</p>
        ) : turn.status === 'streaming' ? (
          <p class="sa-typing">
            <span aria-hidden="true" />
            <span aria-hidden="true" />
            <span aria-hidden="true" />
            <span class="sa-stage">{turn.stage ?? 'Thinking…'}</span>
          </p>
        ) : null}
        {turn.status === 'error' && (
          <div class="sa-inline-error" role="alert">
            <span>{turn.error}</span>
            <button
              type="button"
              class="sa-btn sa-btn-outline sa-btn-sm"
              onClick={() => w.chat.retry(turn.id)}
            >
              Retry
            </button>
          </div>
        )}
        {turn.status === 'done' && (
          <>
            {turn.queries && <QueryChips queries={turn.queries} />}
            <div class="sa-turn-actions">
              <CopyButton text={turn.text} />
              {turn.grounded === false && (
                <span class="sa-muted">Figures not verified against the data.</span>
              )}
            </div>
          </>
        )}
      </div>
    </li>
  );
}

export function Chat() {
  const w = useWidget();
  const draft = useSignal('');
  const log = useRef<HTMLOListElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const turns = w.chat.turns.value;
  const last = turns[turns.length - 1];

  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [turns.length, last?.text, last?.status]);

  const send = (text: string) => {
    if (w.chat.send(text)) draft.value = '';
    input.current?.focus();
  };

  return (
    <div class="sa-chat">
      {turns.length === 0 ? (
        <div class="sa-chat-empty">
          <h2 class="sa-h2">Ask about your support messages</h2>
          <p class="sa-muted">Answers come from your own data; each shows the queries it ran.</p>
          <ul class="sa-suggestions" aria-label="Suggested questions">
            {SUGGESTIONS.map((s) => (
              <li key={s}>
                <button type="button" class="sa-suggestion" onClick={() => send(s)}>
                  {s}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <ol ref={log} class="sa-chat-log" aria-live="polite" aria-label="Conversation">
          {turns.map((t) => (
            <Turn key={t.id} turn={t} />
          ))}
        </ol>
      )}
      <form
        class="sa-composer"
        onSubmit={(e) => {
          e.preventDefault();
          send(draft.value);
        }}
      >
        <textarea
          ref={input}
          class="sa-input"
          rows={1}
          maxLength={2000}
          placeholder="Ask a question…"
          aria-label="Your question"
          value={draft.value}
          onInput={(e) => {
            draft.value = e.currentTarget.value;
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              send(draft.value);
            }
          }}
        />
        {w.chat.busy.value ? (
          <button type="button" class="sa-btn sa-btn-outline" onClick={() => w.chat.stop()}>
            Stop
          </button>
        ) : (
          <button type="submit" class="sa-btn sa-btn-primary" disabled={!draft.value.trim()}>
            Send
          </button>
        )}
        {turns.length > 0 && !w.chat.busy.value && (
          <button
            type="button"
            class="sa-btn sa-btn-ghost"
            onClick={() => w.chat.clear()}
            aria-label="Start a new conversation"
          >
            New
          </button>
        )}
      </form>
    </div>
  );
}
