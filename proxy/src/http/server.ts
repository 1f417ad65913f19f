import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AppEnv } from './env.ts';

export interface RunningServer {
  /** The base URL it listens on, e.g. http://127.0.0.1:8787 */
  url: string;
  port: number;
  /**
   * Stops accepting connections and resolves once in-flight requests have finished; after
   * `graceMs`, connections still open (a stuck stream) are cut so shutdown always ends.
   */
  close(graceMs?: number): Promise<void>;
}

export class ListenError extends Error {
  override readonly name = 'ListenError';
}

export async function listen(app: Hono<AppEnv>, host: string, port: number): Promise<RunningServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const created = serve({ fetch: app.fetch, hostname: host, port }) as Server;
    created.once('listening', () => resolve(created));
    created.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is already in use; stop the other process or pick another with --port / PORT`
          : error.code === 'EACCES'
            ? `not allowed to listen on ${host}:${port}; use a port above 1023`
            : `cannot listen on ${host}:${port}: ${error.message}`;
      reject(new ListenError(reason, { cause: error }));
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    close(graceMs = 10_000) {
      closing ??= new Promise<void>((resolve, reject) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close((error) => {
          clearTimeout(force);
          if (error) reject(error);
          else resolve();
        });
        // Idle keep-alive sockets would otherwise hold the server open until they time out.
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
