import { serve } from './cli/commands/serve.ts';

/**
 * The entry of the proxy bundle (proxy/dist/server.mjs, built by scripts/bundle.ts): `sa serve`, configured by
 * the environment alone, started with plain `node` (no TypeScript loader, no CLI).
 */
try {
  await serve();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`sa proxy: ${message.replace(/\s*\n\s*/g, '; ')}\n`);
  process.exitCode = 1;
}
