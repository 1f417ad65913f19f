import { useSignal } from '@preact/signals';
import type { ClassificationResult, ClassifierWorkerClient, LoadProgress } from '@sa/shared/classifier';
import { useRef } from 'preact/hooks';
import { labelFor } from '../components/labels.ts';
import { colorFor } from '../components/palette.ts';
import { useWidget } from '../state/widget.ts';

type Phase = 'idle' | 'loading' | 'classifying' | 'done' | 'error';

function percent(p: LoadProgress | null): number | null {
  return p && p.total > 0 ? Math.min(100, p.fraction * 100) : null;
}

/** "Try the classifier": labels pasted text in this browser, with the same model the server uses. */
export function ClassifierBox() {
  const w = useWidget();
  const text = useSignal('');
  const phase = useSignal<Phase>('idle');
  const progress = useSignal<LoadProgress | null>(null);
  const result = useSignal<ClassificationResult | null>(null);
  const error = useSignal('');
  const client = useRef<Promise<ClassifierWorkerClient> | null>(null);

  const classify = async () => {
    const input = text.value.trim();
    if (!input) return;
    error.value = '';
    try {
      if (!client.current) {
        phase.value = 'loading';
        const { startClassifier } = await import('../classifier/load.ts');
        client.current = startClassifier({
          modelUrl: w.config.modelUrl ?? '',
          wasmUrl: w.config.classifierUrl ?? '',
        });
        const c = await client.current;
        c.onProgress((p) => {
          progress.value = p;
        });
        await c.ready;
      }
      phase.value = 'classifying';
      const c = await client.current;
      const [labels] = await c.classify([input]);
      result.value = labels ?? null;
      phase.value = 'done';
    } catch (err) {
      client.current = null;
      phase.value = 'error';
      error.value = err instanceof Error ? err.message : String(err);
    }
  };

  const pct = percent(progress.value);
  return (
    <details class="sa-classifier">
      <summary>Try the classifier</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void classify();
        }}
      >
        <label class="sa-label" for="sa-classifier-text">
          Paste a customer message; it is labelled in your browser and never sent anywhere.
        </label>
        <textarea
          id="sa-classifier-text"
          class="sa-input"
          rows={3}
          maxLength={8000}
          value={text.value}
          onInput={(e) => {
            text.value = e.currentTarget.value;
          }}
        />
        <div class="sa-classifier-actions">
          <button
            type="submit"
            class="sa-btn sa-btn-primary"
            disabled={!text.value.trim() || phase.value === 'loading' || phase.value === 'classifying'}
          >
            {phase.value === 'loading'
              ? 'Loading model…'
              : phase.value === 'classifying'
                ? 'Labelling…'
                : 'Label it'}
          </button>
          {phase.value === 'loading' && (
            <span class="sa-progress-wrap">
              <progress class="sa-progress" max={100} value={pct ?? undefined} aria-label="Model download" />
              <span class="sa-muted">{pct === null ? 'Starting…' : `${Math.round(pct)}%`}</span>
            </span>
          )}
        </div>
      </form>
      {phase.value === 'error' && (
        <p class="sa-inline-error" role="alert">
          The classifier could not run: {error.value}
        </p>
      )}
      {result.value && phase.value !== 'error' && (
        <div class="sa-classifier-result" aria-live="polite" data-testid="classifier-result">
          <ul class="sa-tags" aria-label="Predicted topics">
            {result.value.topics.map((t) => (
              <li key={t} class="sa-tag" data-topic={t} style={{ '--sa-tag': colorFor('topic', t) }}>
                {labelFor('topic', t)}
                <span class="sa-muted"> {Math.round((result.value?.topic_scores[t] ?? 0) * 100)}%</span>
              </li>
            ))}
          </ul>
          <span class="sa-sentiment" data-sentiment={result.value.sentiment}>
            <span
              class="sa-dot"
              style={{ background: colorFor('sentiment', result.value.sentiment) }}
              aria-hidden="true"
            />
            {labelFor('sentiment', result.value.sentiment)}
          </span>
        </div>
      )}
    </details>
  );
}
