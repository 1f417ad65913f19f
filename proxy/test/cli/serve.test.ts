import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/config/index.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sa-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `pnpm sa <args>` from the repository root, in its own process group so it can be stopped whole. */
function sa(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn('pnpm', ['sa', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitFor(
  read: () => string,
  pattern: RegExp,
  run: Run,
  ms = 90_000,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms;
  let exitedEarly = false;
  run.exited.then(() => {
    exitedEarly = true;
  });
  while (Date.now() < deadline) {
    const match = read().match(pattern);
    if (match) return match;
    if (exitedEarly) throw new Error(`exited before printing ${pattern}: ${run.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${pattern} within ${ms} ms: ${run.stderr()}`);
}

/** Our one-line reasons start with `sa: `; pnpm adds its own lines around them. */
function reasons(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('sa: '));
}

function nonLoopbackIpv4(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
}

describe('pnpm sa serve', () => {
  it('starts on the chosen store in open local mode, answers /healthz, and stops on SIGTERM', async () => {
    const run = sa(['serve', '--port', '0', '--db', path.join(dir, 'store')]);
    try {
      const [, url] = await waitFor(run.stdout, /proxy listening on (http:\/\/127\.0\.0\.1:\d+)/, run);
      expect(run.stdout()).toContain('open local mode: no SITE_KEYS, so bound to 127.0.0.1 only');
      expect(run.stdout()).toContain(`store: embedded PGlite in ${path.join(dir, 'store')}`);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ok: true, store: { kind: 'pglite', ok: true } });

      const outside = nonLoopbackIpv4();
      if (outside) {
        const port = new URL(url as string).port;
        await expect(fetch(`http://${outside}:${port}/healthz`)).rejects.toThrow();
      }
    } finally {
      process.kill(-(run.child.pid as number), 'SIGTERM');
    }
    await run.exited;
    expect(run.stderr()).not.toMatch(/shutdown failed/);
    // Starting pnpm, tsx and a fresh store takes a while on a busy 2-core machine.
  }, 180_000);

  it.each([
    [
      ['serve', '--port', 'abc'],
      {},
      'sa: invalid configuration: --port must be a whole number from 0 to 65535 (got "abc")',
    ],
    [
      ['serve'],
      { HOST: '0.0.0.0' },
      'sa: invalid configuration: HOST=0.0.0.0 needs SITE_KEYS: with no keys the proxy runs in open local mode and binds 127.0.0.1 only',
    ],
    [
      ['serve', '--db', 'mysql://root:secret@db/sa'],
      {},
      'sa: invalid configuration: --db expected a directory or a postgres:// URL, got "mysql://root:***@db/sa"',
    ],
  ])('exits non-zero with one line for %j', async (args, env, expected) => {
    const run = sa(args, env);
    expect(await run.exited).not.toBe(0);
    expect(reasons(run.stderr())).toEqual([expected]);
  });

  it('rejects an unknown command with a non-zero exit', async () => {
    const run = sa(['serv']);
    expect(await run.exited).not.toBe(0);
    expect(run.stderr()).toMatch(/unknown command 'serv'/);
  });
});
