import type { LogLevel } from '../config/index.ts';

export type LogFields = Record<string, unknown>;

/** Structured logging: one JSON object per line, so logs can be filtered by request id or field. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createJsonLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  base: LogFields = {},
): Logger {
  return new JsonLogger(RANK[level], write, base);
}

/** Methods on the prototype: a child logger per request is one object, not a set of closures. */
class JsonLogger implements Logger {
  constructor(
    private readonly rank: number,
    private readonly write: (line: string) => void,
    private readonly base: LogFields,
  ) {}

  debug(message: string, fields?: LogFields): void {
    if (this.rank <= RANK.debug) this.emit('debug', message, fields);
  }
  info(message: string, fields?: LogFields): void {
    if (this.rank <= RANK.info) this.emit('info', message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    if (this.rank <= RANK.warn) this.emit('warn', message, fields);
  }
  error(message: string, fields?: LogFields): void {
    if (this.rank <= RANK.error) this.emit('error', message, fields);
  }
  child(fields: LogFields): Logger {
    return new JsonLogger(this.rank, this.write, { ...this.base, ...fields });
  }

  private emit(at: Exclude<LogLevel, 'silent'>, message: string, fields: LogFields | undefined): void {
    this.write(
      JSON.stringify({ time: new Date().toISOString(), level: at, msg: message, ...this.base, ...fields }),
    );
  }
}

/** What an unexpected error becomes in a log line: name, message and stack stay on the server. */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) {
    return { error: { name: error.name, message: error.message, stack: error.stack } };
  }
  return { error: { message: String(error) } };
}
