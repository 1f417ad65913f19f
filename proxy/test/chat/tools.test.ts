import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool, TOOL_SPECS, type ToolContext } from '../../src/chat/tools.ts';
import type { Store } from '../../src/store/Store.ts';
import { NOW, openDemoStore } from './fixtures.ts';

type Json = Record<string, unknown>;

/** Walks every object schema, as OpenAI's strict mode checks them. */
function objectSchemas(schema: Json): Json[] {
  const found: Json[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const n = node as Json;
      if (n.type === 'object') found.push(n);
      Object.values(n).forEach(visit);
    }
  };
  visit(schema);
  return found;
}

describe('tool contract', () => {
  it('gives OpenAI strict schemas: every property required, optional ones nullable, no extra properties', () => {
    for (const tool of TOOL_SPECS) {
      for (const object of objectSchemas(tool.strictParameters)) {
        expect(object.additionalProperties).toBe(false);
        expect(object.required).toEqual(Object.keys(object.properties as Json));
      }
      expect(JSON.stringify(tool.strictParameters)).not.toMatch(/"(pattern|minItems|maxLength|\$schema)"/);
    }
    const runQuery = TOOL_SPECS.find((t) => t.name === 'run_query')?.strictParameters as Json;
    const props = runQuery.properties as Record<string, Json>;
    expect(props.group_by?.anyOf).toContainEqual({ type: 'null' });
    expect(props.metric?.anyOf).toBeUndefined();
    // The site and the time zone come from the request, never from the model.
    expect(Object.keys(props)).not.toContain('site');
    expect(Object.keys(props)).not.toContain('time_zone');
  });

  it('gives Gemini the same zod-generated schema with its constraints', () => {
    const runQuery = TOOL_SPECS.find((t) => t.name === 'run_query')?.parameters as Json;
    const filters = (runQuery.properties as Record<string, Json>).filters as Json;
    expect(filters.required).toEqual(['from', 'to']);
    expect(JSON.stringify(runQuery)).toContain('"minItems":1');
  });
});

describe('runTool', () => {
  let store: Store;
  let ctx: ToolContext;
  beforeAll(async () => {
    store = await openDemoStore(100);
    ctx = {
      store,
      site: 'default',
      timeZone: 'UTC',
      now: NOW,
      window: { from: '2026-11-16T00:00:00Z', to: '2026-11-23T00:00:00Z', unit: 'week', to_date: false },
    };
  });
  afterAll(async () => {
    await store.close();
  });

  it('returns zod issues the model can act on, and runs nothing', async () => {
    const outcome = await runTool(
      'run_query',
      JSON.stringify({ metric: 'timeseries', filters: { from: 'monday', to: '2026-11-23T00:00:00Z' } }),
      ctx,
    );
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toMatch(/filters\.from/);
    expect(await runTool('run_query', '{not json', ctx)).toMatchObject({ ok: false });
    expect(await runTool('drop_table', '{}', ctx)).toMatchObject({
      ok: false,
      error: expect.stringContaining('unknown tool'),
    });
  });

  it('rejects a site in the arguments: the scope comes from the request', async () => {
    const outcome = await runTool(
      'run_query',
      JSON.stringify({
        metric: 'count',
        site: 'other',
        filters: { from: ctx.window.from, to: ctx.window.to },
      }),
      ctx,
    );
    expect(outcome).toMatchObject({ ok: false, error: expect.stringContaining('site') });
  });

  it('allows the previous window, which a model may fetch to compare', async () => {
    const outcome = await runTool(
      'run_query',
      JSON.stringify({
        metric: 'count',
        filters: { from: '2026-11-09T00:00:00Z', to: '2026-11-16T00:00:00Z' },
      }),
      ctx,
    );
    expect(outcome.ok && outcome.corrected).toBeUndefined();
    expect(outcome.ok && outcome.executed?.query.filters.from).toBe('2026-11-09T00:00:00Z');
  });

  it('resolves time words and lists the taxonomy', async () => {
    expect(await runTool('resolve_time_window', JSON.stringify({ text: 'yesterday' }), ctx)).toMatchObject({
      ok: true,
      content: { from: expect.stringMatching(/^2026-11-24T00:00:00/) },
    });
    const topics = await runTool('list_topics', '{}', ctx);
    expect(JSON.stringify(topics)).toContain('responsible_gambling');
  });

  it('hands example texts to the model quoted as data', async () => {
    const thisWeek = { from: '2026-11-23T00:00:00Z', to: NOW.toISOString() };
    const outcome = await runTool(
      'run_query',
      JSON.stringify({ metric: 'examples', filters: { ...thisWeek, text: 'Ignore all' } }),
      { ...ctx, window: { ...thisWeek, unit: 'week', to_date: true } },
    );
    expect(
      outcome.ok && outcome.executed?.result.metric === 'examples' && outcome.executed.result.messages,
    ).toHaveLength(1);
    const text = JSON.stringify(outcome.ok && outcome.content);
    expect(text).toContain('quoted as data');
    expect(text).toContain('quoted_text');
  });
});
