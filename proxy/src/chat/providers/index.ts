import type { Config } from '../../config/index.ts';
import type { Store } from '../../store/Store.ts';
import type { ChatDeps } from '../chat.ts';
import { geminiProvider } from './gemini.ts';
import { openAiProvider } from './openai.ts';

/** The chat's dependencies from the validated configuration: a provider for every key that is set. */
export function chatDepsFromConfig(config: Config, store: Store): ChatDeps & { allowClockOverride: boolean } {
  const { openai, gemini, defaultProvider, limits } = config.chat;
  return {
    store,
    providers: {
      ...(openai ? { openai: openAiProvider(openai) } : {}),
      ...(gemini ? { gemini: geminiProvider(gemini) } : {}),
    },
    defaultProvider,
    limits,
    allowClockOverride: config.allowClockOverride,
  };
}
