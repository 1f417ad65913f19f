import type uPlot from 'uplot';

let pending: Promise<typeof uPlot> | null = null;

/**
 * uPlot in its own chunk (~21 KB gzip), fetched once per page. The dashboard asks for it as it opens, so
 * the download runs beside the dashboard's first queries instead of after them, and the panel never waits
 * for it. A failed download is forgotten, so the chart's Retry fetches it again.
 */
export function loadChartEngine(): Promise<typeof uPlot> {
  pending ??= import('uplot').then(
    (m) => m.default,
    (err: unknown) => {
      pending = null;
      throw err;
    },
  );
  return pending;
}
