import { type MountOptions, mount, type WidgetHandle } from './mount.tsx';
import type { Theme, View } from './state/widget.ts';

/** What the loader read from its script tag's data attributes. */
export interface ScriptConfig {
  proxyUrl: string;
  siteKey?: string;
  /** CSS selector of the element to fill (inline mode); absent means launcher + panel. */
  mount?: string;
  theme?: Theme;
  view?: View;
  timeZone?: string;
}

export type CommandArgs = [name: string, ...args: unknown[]];

const COMMANDS = ['open', 'close', 'toggle', 'setFilters', 'setView', 'setTheme', 'setAccessToken'] as const;
type Command = (typeof COMMANDS)[number];

export const READY_EVENT = 'supportanalytics:ready';

/** Runs one `SupportAnalytics(name, ...args)` call; unknown names are reported, never thrown at the host page. */
export function runCommand(handle: WidgetHandle, [name, ...args]: CommandArgs): void {
  if (!(COMMANDS as readonly string[]).includes(name)) {
    console.warn(`[support-analytics] unknown command "${name}"; use one of ${COMMANDS.join(', ')}`);
    return;
  }
  (handle[name as Command] as (...a: unknown[]) => void)(...args);
}

/**
 * Mounts the widget for the script-tag loader, replays the calls queued before the app arrived, swaps
 * the queueing stub for the live API and fires `supportanalytics:ready` on window.
 */
export function boot(config: ScriptConfig, queue: CommandArgs[]): void {
  const start = () => {
    const target = config.mount ? document.querySelector<HTMLElement>(config.mount) : null;
    if (config.mount && !target) {
      console.error(
        `[support-analytics] data-mount="${config.mount}" matches no element; the widget was not shown`,
      );
      return;
    }
    const options: MountOptions = {
      proxyUrl: config.proxyUrl,
      mode: target ? 'inline' : 'launcher',
      ...(config.siteKey ? { siteKey: config.siteKey } : {}),
      ...(config.theme ? { theme: config.theme } : {}),
      ...(config.view ? { view: config.view } : {}),
      ...(config.timeZone ? { timeZone: config.timeZone } : {}),
    };
    const handle = mount(target ?? document.body, options);
    for (const call of queue.splice(0)) runCommand(handle, call);
    const api = (...call: CommandArgs) => runCommand(handle, call);
    (window as unknown as { SupportAnalytics: unknown }).SupportAnalytics = Object.assign(api, { handle });
    window.dispatchEvent(new CustomEvent(READY_EVENT, { detail: { handle } }));
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
