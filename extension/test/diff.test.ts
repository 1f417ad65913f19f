// @vitest-environment happy-dom
import type { ClassificationResult } from '@sa/shared/classifier';
import { describe, expect, it } from 'vitest';
import { planScan, ResultCache } from '../src/content/diff.ts';

function result(topic: ClassificationResult['topics'][number]): ClassificationResult {
  return {
    topics: [topic],
    topic_scores: { [topic]: 0.9 },
    sentiment: 'neutral',
    sentiment_scores: { angry: 0, negative: 0.1, neutral: 0.8, positive: 0.1 },
    model_version: 'test',
  };
}

function messages(...texts: string[]) {
  return texts.map((text) => ({ element: document.createElement('div'), text }));
}

describe('planScan', () => {
  it('sends each new text once, even when several messages show it', () => {
    const cache = new ResultCache();
    const plan = planScan(messages('a', 'b', 'a'), cache, () => undefined);
    expect(plan.classify).toEqual(['a', 'b']);
    expect(plan.render).toEqual([]);
  });

  it('does not send texts that are in flight, and renders them once they are known', () => {
    const cache = new ResultCache();
    const page = messages('a', 'b');
    cache.markPending(['a', 'b']);
    expect(planScan(page, cache, () => undefined)).toEqual({ render: [], classify: [] });
    cache.settle(['a', 'b'], [result('deposit'), result('bonus')]);
    const plan = planScan(page, cache, () => undefined);
    expect(plan.classify).toEqual([]);
    expect(plan.render.map((r) => [r.message.text, r.result.topics[0]])).toEqual([
      ['a', 'deposit'],
      ['b', 'bonus'],
    ]);
  });

  it('leaves tagged messages alone and re-tags a node reused for another text', () => {
    const cache = new ResultCache();
    cache.settle(['a', 'b'], [result('deposit'), result('bonus')]);
    const [one, two] = messages('a', 'b');
    const tagged = new Map<Element | undefined, string>([
      [one?.element, 'a'],
      [two?.element, 'a'],
    ]);
    const plan = planScan(
      [one, two].filter((m) => m !== undefined),
      cache,
      (el) => tagged.get(el),
    );
    expect(plan.render.map((r) => r.message.text)).toEqual(['b']);
    expect(plan.classify).toEqual([]);
  });

  it('a re-rendered page (fresh nodes, same texts) needs no classification', () => {
    const cache = new ResultCache();
    cache.settle(['a'], [result('withdrawal')]);
    const plan = planScan(messages('a'), cache, () => undefined);
    expect(plan.classify).toEqual([]);
    expect(plan.render).toHaveLength(1);
  });

  it('forgets the oldest results past its limit, and a forgotten text is sent again', () => {
    const cache = new ResultCache(2);
    cache.settle(['a', 'b', 'c'], [result('deposit'), result('bonus'), result('other')]);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toMatchObject({ topics: ['other'] });
    cache.forget(['c']);
    expect(planScan(messages('c'), cache, () => undefined).classify).toEqual(['c']);
  });
});
