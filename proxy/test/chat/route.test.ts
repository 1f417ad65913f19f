import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ChatAnswer } from '@sa/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { createApp } from '../../src/http/app.ts';
import { createJsonLogger } from '../../src/http/logger.ts';
import { openPGliteStore } from '../../src/store/pglite.ts';
import type { Store } from '../../src/store/Store.ts';
import { demoMessages, NOW } from './fixtures.ts';

let dir: string;
let store: Store;

async function open(): Promise<Store> {
  return openPGliteStore(path.join(dir, 'db'));
}

function app(s: Store, env: Record<string, string> = { ALLOW_CLOCK_OVERRIDE: '1' }) {
  return createApp({
    store: s,
    config: loadConfig({ ...env, DATA_DIR: dir }, { cwd: dir }),
    log: createJsonLogger('silent'),
  });
}

async function chat(
  s: Store,
  body: Record<string, unknown>,
  accept = 'application/json',
  env?: Record<string, string>,
) {
  return app(s, env).request('/v1/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sa-chat-route-'));
  store = await open();
  await store.upsertMessages('default', demoMessages());
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function parseSse(text: string): { event: string; data: unknown }[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      return { event, data: JSON.parse(data) as unknown };
    });
}

describe('POST /v1/chat', () => {
  it('answers with only the final ChatAnswer for Accept: application/json', async () => {
    const res = await chat(store, {
      message: 'How many withdrawal complaints last week?',
      now: NOW.toISOString(),
    });
    expect(res.status).toBe(200);
    const answer = ChatAnswer.parse(await res.json());
    expect(answer.provider).toBe('local');
    expect(answer.grounded).toBe(true);
    expect(answer.answer).toMatch(/in 16–22 Nov 2026\./);
    expect(answer.context.filters.topics).toEqual(['withdrawal']);
    expect(answer.conversation_id).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('streams status events and ends with the final answer as server-sent events', async () => {
    const res = await chat(
      store,
      { message: 'top topics this month', now: NOW.toISOString() },
      'text/event-stream',
    );
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(await res.text());
    expect(events[0]?.event).toBe('status');
    const final = events[events.length - 1];
    expect(final?.event).toBe('final');
    expect(ChatAnswer.parse(final?.data).queries[0]?.query.metric).toBe('breakdown');
  });

  it('keeps a conversation across a restart: the follow-up inherits the filters', async () => {
    const first = ChatAnswer.parse(
      await (
        await chat(store, {
          message: 'How many deposit complaints yesterday?',
          conversation_id: 'restart-1',
          now: NOW.toISOString(),
        })
      ).json(),
    );
    expect(first.context.filters.topics).toEqual(['deposit']);
    await store.close();
    store = await open();
    const followUp = ChatAnswer.parse(
      await (
        await chat(store, {
          message: 'and on Telegram?',
          conversation_id: 'restart-1',
          now: NOW.toISOString(),
        })
      ).json(),
    );
    const filters = followUp.queries[0]?.query.filters;
    expect(filters?.topics).toEqual(['deposit']);
    expect(filters?.sources).toEqual(['telegram']);
    expect(filters?.from).toBe(first.queries[0]?.query.filters.from);
  });

  it('ignores `now` unless ALLOW_CLOCK_OVERRIDE=1', async () => {
    const res = await chat(
      store,
      { message: 'messages today', now: NOW.toISOString() },
      'application/json',
      {},
    );
    const answer = ChatAnswer.parse(await res.json());
    const to = Date.parse(answer.queries[0]?.query.filters.to ?? '');
    expect(Math.abs(to - Date.now())).toBeLessThan(60_000);
  });

  it('rejects a bad request with a clear error', async () => {
    const res = await chat(store, { message: '', provider: 'claude' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(/message|provider/);
  });

  it('refuses out-of-scope asks without running a query', async () => {
    const answer = ChatAnswer.parse(
      await (await chat(store, { message: 'What was our GGR last month?' })).json(),
    );
    expect(answer.queries).toEqual([]);
    expect(answer.answer).toMatch(/revenue|GGR/);
  });
});
