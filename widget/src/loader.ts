/**
 * widget.js: the only file a site embeds. It stays tiny: it queues `SupportAnalytics(...)` calls, then
 * imports the app chunk from next to its own URL (so any static host works) and hands the queue over.
 */
type Call = [string, ...unknown[]];
type Stub = ((...args: Call) => void) & { q?: Call[] };

(() => {
  const w = window as unknown as { SupportAnalytics?: Stub };
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script?.src) return;
  const queue: Call[] = w.SupportAnalytics?.q ?? [];
  const stub: Stub = (...args) => {
    queue.push(args);
  };
  stub.q = queue;
  w.SupportAnalytics = stub;
  const d = script.dataset;
  const config = {
    proxyUrl: new URL(d.proxyUrl || '/', document.baseURI).href,
    siteKey: d.siteKey,
    mount: d.mount,
    theme: d.theme,
    view: d.view,
    timeZone: d.timeZone,
  };
  import(/* @vite-ignore */ new URL('app.js', script.src).href).then(
    (app: { boot: (c: typeof config, q: Call[]) => void }) => app.boot(config, queue),
    (error: unknown) => console.error('[support-analytics] could not load the widget app:', error),
  );
})();
