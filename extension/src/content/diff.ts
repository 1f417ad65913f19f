import type { ClassificationResult } from '@sa/shared/classifier';
import type { CustomerMessage } from './adapters/types.ts';

/**
 * Results by text for this page's lifetime. A text is sent for classification at most once: while it
 * is in flight it is "pending", and a re-render or a reused node showing it again waits for that answer.
 * The oldest entries go first past `limit`, so a long shift does not grow memory without bound.
 */
export class ResultCache {
  readonly #entries = new Map<string, ClassificationResult | 'pending'>();
  constructor(private readonly limit = 5000) {}

  get(text: string): ClassificationResult | 'pending' | undefined {
    return this.#entries.get(text);
  }

  markPending(texts: readonly string[]): void {
    for (const text of texts) this.#set(text, 'pending');
  }

  settle(texts: readonly string[], results: readonly ClassificationResult[]): void {
    texts.forEach((text, i) => {
      const result = results[i];
      if (result) this.#set(text, result);
    });
  }

  /** After a failed call the texts may be tried again on the next scan. */
  forget(texts: readonly string[]): void {
    for (const text of texts) this.#entries.delete(text);
  }

  #set(text: string, value: ClassificationResult | 'pending'): void {
    this.#entries.delete(text);
    this.#entries.set(text, value);
    if (this.#entries.size > this.limit) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}

export interface ScanPlan {
  /** Messages whose tag is missing or shows another text, with the result to show. */
  render: { message: CustomerMessage; result: ClassificationResult }[];
  /** New texts, each once, in page order. */
  classify: string[];
}

/**
 * What a scan of the page must do: `taggedText` says which text an element's tag was drawn for
 * (undefined: no tag yet), so untouched messages cost nothing and a node reused for another chat's
 * message is re-tagged.
 */
export function planScan(
  messages: readonly CustomerMessage[],
  cache: ResultCache,
  taggedText: (element: Element) => string | undefined,
): ScanPlan {
  const plan: ScanPlan = { render: [], classify: [] };
  const queued = new Set<string>();
  for (const message of messages) {
    if (taggedText(message.element) === message.text) continue;
    const known = cache.get(message.text);
    if (known === 'pending') continue;
    if (known) plan.render.push({ message, result: known });
    else if (!queued.has(message.text)) {
      queued.add(message.text);
      plan.classify.push(message.text);
    }
  }
  return plan;
}
