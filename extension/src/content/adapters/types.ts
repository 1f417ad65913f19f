import type { SiteId } from '../../settings.ts';

/** A customer's message as the page shows it. */
export interface CustomerMessage {
  element: Element;
  text: string;
}

/**
 * What the content script needs to know of a host page: where messages are, which are the customer's,
 * and where a tag goes. Each adapter keeps its selectors in one table, stable hooks first
 * (data-testid, data attributes, roles), structure second, class names last.
 */
export interface SiteAdapter {
  readonly site: SiteId;
  /** For the "nothing matched" report. */
  readonly name: string;
  matches(url: URL): boolean;
  /** The open conversation's message list, or null while none is open. */
  messageList(doc: Document): Element | null;
  /** Customer messages under `root` in document order, with their visible text (empty ones left out). */
  customerMessages(root: ParentNode): CustomerMessage[];
  /** The tag is inserted right after this element, inside the message. */
  tagAnchor(message: Element): Element;
}

/** Marks our own tag elements so their text is never read back as part of a message. */
export const TAG_ELEMENT = 'sa-topic-tag';

/** Visible text of `element` without our tags and without the parts `skip` names (timestamps, reactions). */
export function textOf(element: Element, skip = ''): string {
  const excluded = skip ? `${TAG_ELEMENT}, ${skip}` : TAG_ELEMENT;
  const doc = element.ownerDocument;
  const walker = doc.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  let out = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest(excluded)) continue;
    out += node.nodeValue ?? '';
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** The first element under `root` that one of the selectors matches, trying them in order. */
export function firstMatch(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return null;
}
