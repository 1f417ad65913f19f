import type { ClassificationResult } from '@sa/shared/classifier';
import { SENTIMENT_INFO, TOPIC_INFO } from '@sa/shared/taxonomy';
import { colourOf, isBuiltInTopic, type Settings } from '../settings.ts';
import { TAG_ELEMENT } from './adapters/types.ts';

/**
 * Tag styles, inside the tag's own shadow root so the page's CSS never reaches them. The label takes
 * the message's own text colour (which the host app already made readable on its bubble, light or
 * dark theme) and the topic colour only tints the chip and draws its border and dot. The host has a
 * fixed height and is inserted the moment a message is seen, before its result arrives: filling it
 * in never moves the conversation.
 */
const CSS = `
:host { all: initial; display: block; height: 20px; margin-top: 4px; color: inherit;
  font: 500 11px/16px system-ui, sans-serif; overflow: hidden; }
.row { display: flex; gap: 4px; flex-wrap: nowrap; }
button, span.s { all: unset; box-sizing: border-box; height: 18px; padding: 0 6px; border-radius: 9px;
  border: 1px solid var(--c, #888); background: color-mix(in srgb, var(--c, #888) 16%, transparent);
  color: inherit; white-space: nowrap; cursor: default; }
button { cursor: pointer; }
button:focus-visible { outline: 2px solid var(--c); outline-offset: 1px; }
i { display: inline-block; width: 7px; height: 7px; border-radius: 50%; background: var(--c); margin-right: 4px; }
.status { --c: #8a8a8a; border-style: dashed; opacity: 0.85; }
`;

const SENTIMENT_COLOURS: Record<string, string> = {
  angry: '#c62828',
  negative: '#ef6c00',
  neutral: '#757575',
  positive: '#2e7d32',
};

export interface TagHandlers {
  onTopic(topic: string): void;
}

/** The tag element of a message, if it has one. */
export function tagOf(message: Element): HTMLElement | null {
  return message.querySelector<HTMLElement>(`:scope ${TAG_ELEMENT}`);
}

/** The text a message's tag was drawn for. */
export function taggedText(message: Element): string | undefined {
  return tagOf(message)?.dataset.text;
}

/** Puts an empty tag in place so its space is taken before the result arrives. */
export function reserveTag(message: Element, anchor: Element): HTMLElement {
  const existing = tagOf(message);
  if (existing) return existing;
  const host = message.ownerDocument.createElement(TAG_ELEMENT);
  host.attachShadow({ mode: 'open' });
  anchor.after(host);
  return host;
}

export type TagStatus = 'retrying' | 'failed';

/**
 * A tag that has no result yet says why: the classifier is being retried, or it gave up (with a button to
 * try again). `data-text` stays unset, so the next scan still treats the message as untagged once a result
 * is known; `data-status` and `data-error` say what happened, for people (tooltip) and tests.
 */
export function renderStatus(host: HTMLElement, status: TagStatus, error: string, onRetry: () => void): void {
  const doc = host.ownerDocument;
  const note = doc.createElement('span');
  note.className = 's status';
  note.title = `Support analytics: ${error}`;
  note.append(status === 'retrying' ? 'Classifier not ready · retrying…' : 'Not tagged');
  const chips: HTMLElement[] = [note];
  if (status === 'failed') {
    const retry = doc.createElement('button');
    retry.className = 'status';
    retry.textContent = 'Retry';
    retry.title = `Classify this message again (last error: ${error})`;
    onOwnClick(retry, onRetry);
    chips.push(retry);
  }
  fillTag(host, chips);
  host.dataset.status = status;
  host.dataset.error = error;
}

/** Draws topics and sentiment as text nodes only: nothing of the page or the result is parsed as HTML. */
export function renderTag(
  host: HTMLElement,
  text: string,
  result: ClassificationResult,
  settings: Pick<Settings, 'topicColours'>,
  handlers: TagHandlers,
): void {
  const doc = host.ownerDocument;
  const chips: HTMLElement[] = [];
  for (const topic of result.topics) {
    const builtIn = isBuiltInTopic(topic);
    const chip = doc.createElement(builtIn ? 'button' : 'span');
    if (!builtIn) chip.className = 's';
    chip.style.setProperty('--c', colourOf(settings, topic));
    chip.append(doc.createElement('i'), builtIn ? TOPIC_INFO[topic].label : topic.replaceAll('_', ' '));
    chip.dataset.topic = topic;
    if (builtIn) {
      chip.title = `Open the dashboard filtered to ${TOPIC_INFO[topic].label}`;
      onOwnClick(chip, () => handlers.onTopic(topic));
    }
    chips.push(chip);
  }
  const sentiment = doc.createElement('span');
  sentiment.className = 's';
  sentiment.dataset.sentiment = result.sentiment;
  sentiment.style.setProperty('--c', SENTIMENT_COLOURS[result.sentiment] ?? '#757575');
  sentiment.append(doc.createElement('i'), SENTIMENT_INFO[result.sentiment].label);
  chips.push(sentiment);
  fillTag(host, chips);
  delete host.dataset.status;
  delete host.dataset.error;
  host.dataset.text = text;
  host.dataset.topics = result.topics.join(' ');
  host.dataset.sentiment = result.sentiment;
}

/** Replaces what the tag shows with its styles and one row of chips. */
function fillTag(host: HTMLElement, chips: HTMLElement[]): void {
  const doc = host.ownerDocument;
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = CSS;
  const row = doc.createElement('div');
  row.className = 'row';
  row.append(...chips);
  root.replaceChildren(style, row);
}

/** A click on a chip is the tag's own: it never reaches the host app's handlers on the message around it. */
function onOwnClick(chip: HTMLElement, action: () => void): void {
  chip.addEventListener('click', (event) => {
    event.stopPropagation();
    action();
  });
}
