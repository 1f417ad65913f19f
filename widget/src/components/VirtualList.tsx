import { useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface Props<T> {
  items: readonly T[];
  rowHeight: number;
  /** Rendered rows beyond the viewport on each side, so fast scrolling does not show gaps. */
  overscan?: number;
  label: string;
  itemKey: (item: T) => string;
  renderItem: (item: T, index: number) => ComponentChildren;
  onNearEnd?: () => void;
}

/** Fixed-row-height windowing: only the rows in view (plus overscan) exist in the DOM. */
export function VirtualList<T>({
  items,
  rowHeight,
  overscan = 6,
  label,
  itemKey,
  renderItem,
  onNearEnd,
}: Props<T>) {
  const scroller = useRef<HTMLElement>(null);
  const scrollTop = useSignal(0);
  const viewport = useSignal(480);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      viewport.value = el.clientHeight || 480;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop.value / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop.value + viewport.value) / rowHeight) + overscan);

  useEffect(() => {
    if (onNearEnd && last >= items.length - overscan && items.length > 0) onNearEnd();
  }, [last, items.length]);

  return (
    <section
      ref={scroller}
      class="sa-vlist"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the scroll region must be reachable by keyboard to scroll it
      tabIndex={0}
      aria-label={label}
      onScroll={(e) => {
        scrollTop.value = e.currentTarget.scrollTop;
      }}
    >
      <ul style={{ height: items.length * rowHeight, position: 'relative' }}>
        {items.slice(first, last).map((item, i) => (
          <li
            key={itemKey(item)}
            aria-setsize={items.length}
            aria-posinset={first + i + 1}
            class="sa-vrow"
            style={{ transform: `translateY(${(first + i) * rowHeight}px)`, height: rowHeight }}
          >
            {renderItem(item, first + i)}
          </li>
        ))}
      </ul>
    </section>
  );
}
