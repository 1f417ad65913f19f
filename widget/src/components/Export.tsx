import { useEffect } from 'preact/hooks';
import { useWidget } from '../state/widget.ts';

/**
 * CSV / JSON download of the current filter, streamed by the proxy (the browser saves it as it arrives).
 * Export is an admin route: the proxy is asked first, and a key that may not export gets the reason
 * instead of links that would save an error as a file.
 */
export function ExportLinks() {
  const w = useWidget();
  useEffect(() => w.exportAccess.ensure(), [w]);
  const access = w.exportAccess.access.value;
  if (access.status === 'refused') {
    return (
      <div class="sa-export" data-testid="export-refused">
        <span class="sa-export-label">Export</span>
        <span class="sa-export-note" role="note">
          {access.message}
        </span>
      </div>
    );
  }
  const filters = w.queryFilters.value;
  const stamp = new Date().toISOString().slice(0, 10);
  return (
    <div class="sa-export">
      <span class="sa-export-label">Export</span>
      {(['csv', 'json'] as const).map((format) => (
        <a
          key={format}
          class="sa-btn sa-btn-outline sa-btn-sm"
          href={w.client.exportUrl(filters, format)}
          download={`messages-${stamp}.${format}`}
          rel="noopener"
          // The user token in the link may have been replaced since it rendered (a refresh after expiry).
          onClick={(e) => {
            e.currentTarget.href = w.client.exportUrl(filters, format);
          }}
          aria-label={`Export the filtered messages as ${format.toUpperCase()}`}
        >
          {format.toUpperCase()}
        </a>
      ))}
    </div>
  );
}
