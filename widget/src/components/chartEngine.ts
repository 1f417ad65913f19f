import type uPlot from 'uplot';

/** The chart library's chunk did not arrive (offline, blocked, or a page left open across a deploy). */
export class ChartLoadError extends Error {
  override readonly name = 'ChartLoadError';
  constructor(cause: unknown) {
    super('The chart could not be downloaded. Check your connection, then retry.', { cause });
  }
}

let pending: Promise<typeof uPlot> | null = null;

/**
 * uPlot in its own chunk (~19 KB gzip), fetched once per page. The dashboard asks for it as it opens, so
 * the download runs beside the dashboard's first queries instead of after them, and the panel never waits
 * for it. A failed download is forgotten, so the chart's Retry fetches it again.
 */
export function loadChartEngine(): Promise<typeof uPlot> {
  pending ??= import('uplot').then(
    (m) => m.default,
    (err: unknown) => {
      pending = null;
      throw new ChartLoadError(err);
    },
  );
  return pending;
}
