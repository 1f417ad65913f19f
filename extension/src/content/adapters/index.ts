import { livechatAdapter } from './livechat.ts';
import { telegramAAdapter, telegramKAdapter } from './telegram.ts';
import type { SiteAdapter } from './types.ts';

export const ADAPTERS: readonly SiteAdapter[] = [livechatAdapter, telegramKAdapter, telegramAAdapter];

export function adapterFor(url: URL): SiteAdapter | undefined {
  return ADAPTERS.find((adapter) => adapter.matches(url));
}
