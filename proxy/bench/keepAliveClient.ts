import { connect, type Socket } from 'node:net';

// The ingest bench's HTTP client. The webhooks of a real deployment come from the platforms' own servers; here
// the sender shares the proxy's two cores, so what it costs per request is taken from the proxy. fetch (undici)
// cost the load thread ~1.4 ms of CPU per webhook, more than half a core at 400 webhooks/s; writing a prepared
// HTTP/1.1 request on a kept-alive socket and reading back only the status line and Content-Length costs a
// small fraction of that. The proxy still parses every request and writes every response as it would for them.

const HEAD_END = Buffer.from('\r\n\r\n');

export interface PostResult {
  status: number;
}

interface Pending {
  head: Buffer;
  body: Buffer;
  resolve: (result: PostResult) => void;
  reject: (error: Error) => void;
}

/** One kept-alive connection answering one request at a time (no pipelining: the platforms do not pipeline). */
class Connection {
  readonly #socket: Socket;
  #buffer: Buffer = Buffer.alloc(0);
  #current: Pending | undefined;
  #closed = false;

  constructor(
    host: string,
    port: number,
    private readonly onIdle: (connection: Connection) => void,
    private readonly onClosed: (connection: Connection) => void,
  ) {
    this.#socket = connect({ host, port, noDelay: true });
    this.#socket.on('data', (chunk: Buffer) => this.#read(chunk));
    this.#socket.on('error', (error) => this.#close(error));
    this.#socket.on('close', () => this.#close(new Error('connection closed by the proxy')));
  }

  send(request: Pending): void {
    this.#current = request;
    this.#socket.cork();
    this.#socket.write(request.head);
    this.#socket.write(request.body);
    this.#socket.uncork();
  }

  destroy(): void {
    this.#socket.destroy();
  }

  #read(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const headEnd = this.#buffer.indexOf(HEAD_END);
    if (headEnd < 0) return;
    const head = this.#buffer.subarray(0, headEnd).toString('latin1');
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) {
      this.#close(
        new Error(`response without Content-Length (status ${status}): the client reads only those`),
      );
      return;
    }
    const end = headEnd + HEAD_END.length + Number(length[1]);
    if (this.#buffer.length < end) return;
    this.#buffer = this.#buffer.subarray(end);
    const current = this.#current;
    this.#current = undefined;
    current?.resolve({ status });
    if (/\r\nconnection: *close/i.test(head)) this.#close(new Error('connection closed by the proxy'));
    else this.onIdle(this);
  }

  #close(error: Error): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.destroy();
    this.#current?.reject(error);
    this.#current = undefined;
    this.onClosed(this);
  }
}

/**
 * POSTs JSON bodies to one path of one server over a pool of kept-alive connections: an idle one is reused, and
 * a new one is opened whenever every open connection is busy, as undici's pool does.
 */
export function createKeepAliveClient(baseUrl: string, path: string, headers: Record<string, string>) {
  const url = new URL(baseUrl);
  const port = Number(url.port || 80);
  const fixedHead = [
    `POST ${path} HTTP/1.1`,
    `Host: ${url.host}`,
    'Content-Type: application/json',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ].join('\r\n');
  const idle: Connection[] = [];
  const open = new Set<Connection>();

  const onIdle = (connection: Connection) => idle.push(connection);
  const onClosed = (connection: Connection) => {
    open.delete(connection);
    const at = idle.indexOf(connection);
    if (at >= 0) idle.splice(at, 1);
  };

  return {
    post(body: string): Promise<PostResult> {
      const bytes = Buffer.from(body);
      return new Promise((resolve, reject) => {
        const head = Buffer.from(`${fixedHead}\r\nContent-Length: ${bytes.length}\r\n\r\n`, 'latin1');
        let connection = idle.pop();
        if (!connection) {
          connection = new Connection(url.hostname, port, onIdle, onClosed);
          open.add(connection);
        }
        connection.send({ head, body: bytes, resolve, reject });
      });
    },
    close(): void {
      for (const connection of open) connection.destroy();
    },
  };
}
