import { useWidget } from '../state/widget.ts';

/** CSV / JSON download of the current filter, streamed by the proxy (the browser saves it as it arrives). */
export function ExportLinks() {
  const w = useWidget();
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
          aria-label={`Export the filtered messages as ${format.toUpperCase()}`}
        >
          {format.toUpperCase()}
        </a>
      ))}
    </div>
  );
}
