import type { StoredMessage } from '@sa/shared';
import { ExportLinks } from '../components/Export.tsx';
import { FilterBar } from '../components/FilterBar.tsx';
import { formatTime, labelFor } from '../components/labels.ts';
import { colorFor } from '../components/palette.ts';
import { EmptyState, ErrorState, Skeleton } from '../components/states.tsx';
import { VirtualList } from '../components/VirtualList.tsx';
import { useWidget } from '../state/widget.ts';
import { ClassifierBox } from './ClassifierBox.tsx';

const ROW_HEIGHT = 104;

function MessageRow({ message }: { message: StoredMessage }) {
  const { timeZone } = useWidget();
  return (
    <article
      class="sa-msg"
      aria-label={`${labelFor('source', message.source)} message, ${formatTime(message.created_at, timeZone)}`}
    >
      <header class="sa-msg-meta">
        <span class="sa-source" data-source={message.source}>
          {labelFor('source', message.source)}
        </span>
        <time dateTime={message.created_at}>{formatTime(message.created_at, timeZone)}</time>
        {message.sentiment && (
          <span class="sa-sentiment" data-sentiment={message.sentiment}>
            <span
              class="sa-dot"
              style={{ background: colorFor('sentiment', message.sentiment) }}
              aria-hidden="true"
            />
            {labelFor('sentiment', message.sentiment)}
          </span>
        )}
      </header>
      <p class="sa-msg-text" title={message.text}>
        {message.text}
      </p>
      <ul class="sa-tags" aria-label="Topics">
        {message.topics.length === 0 && (
          <li class="sa-tag sa-tag-pending">
            {message.labelled_by === 'pending' ? 'classifying…' : 'no topic'}
          </li>
        )}
        {message.topics.map((t) => (
          <li key={t} class="sa-tag" data-topic={t} style={{ '--sa-tag': colorFor('topic', t) }}>
            {labelFor('topic', t)}
          </li>
        ))}
      </ul>
    </article>
  );
}

export function Messages() {
  const w = useWidget();
  const list = w.messages;
  const items = list.items.value;
  return (
    <div class="sa-messages">
      <FilterBar />
      <div class="sa-dash-head">
        <p class="sa-window" aria-live="polite">
          {list.status.value === 'ready'
            ? `${items.length}${list.hasMore() ? '+' : ''} message${items.length === 1 ? '' : 's'}`
            : list.status.value === 'loading'
              ? 'Loading messages…'
              : ''}
        </p>
        <ExportLinks />
      </div>
      {list.status.value === 'error' && (
        <ErrorState error={list.error.value} onRetry={() => list.reload()} title="Could not load messages" />
      )}
      {list.status.value === 'loading' && items.length === 0 && (
        <div class="sa-msg-skeletons" aria-busy="true">
          <span class="sa-sr">Loading messages…</span>
          {[0, 1, 2, 3].map((i) => (
            <div key={i} class="sa-msg">
              <Skeleton width="40%" height={12} />
              <Skeleton height={14} />
              <Skeleton width="30%" height={12} />
            </div>
          ))}
        </div>
      )}
      {list.status.value === 'ready' && items.length === 0 && (
        <EmptyState title="No messages match these filters">
          Try a longer date range or clear the search.
        </EmptyState>
      )}
      {items.length > 0 && list.status.value !== 'error' && (
        <VirtualList
          items={items}
          rowHeight={ROW_HEIGHT}
          label="Messages"
          itemKey={(m) => m.id}
          renderItem={(m) => <MessageRow message={m} />}
          onNearEnd={() => list.loadMore()}
        />
      )}
      <ClassifierBox />
    </div>
  );
}
