import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const proxyRoot = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/csv/${name}`, import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sa-import-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `sa <args>` the way `pnpm sa` does, and returns its exit code and output. */
async function sa(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      path.join(proxyRoot, 'node_modules/.bin/tsx'),
      ['src/cli/main.ts', ...args],
      { cwd: proxyRoot, env: { ...process.env, INIT_CWD: dir } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const lastLine = (text: string) => text.trim().split('\n').at(-1);

// Each case starts a process (tsx + PGlite), which takes a while on a shared machine.
describe('sa import / sa demo-data', { timeout: 300_000 }, () => {
  it('exits non-zero with a one-line reason for a missing file', async () => {
    const result = await sa('import', 'nope.csv', '--db', path.join(dir, 'store-a'));
    expect(result.code).toBe(1);
    expect(lastLine(result.stderr)).toBe(`sa: file not found: ${path.join(dir, 'nope.csv')}`);
  });

  it('exits non-zero naming the missing columns of an unusable header', async () => {
    const result = await sa('import', fixture('missing-columns.csv'), '--db', path.join(dir, 'store-a'));
    expect(result.code).toBe(1);
    expect(lastLine(result.stderr)).toMatch(/^sa: the header is missing required columns author_role, text/);
  });

  it('prints the summary and each rejected line, exiting 2 when rows were rejected', async () => {
    const result = await sa('import', fixture('bad-rows.csv'), '--db', path.join(dir, 'store-b'));
    expect(result.code).toBe(2);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('rows 9: 3 imported, 0 updated, 0 unchanged, 6 rejected');
    expect(lines.slice(1).map((l) => l.split(':')[0])).toEqual([
      'line 5',
      'line 6',
      'line 7',
      'line 10',
      'line 11',
      'line 13',
    ]);
  });

  it('writes a labelled CSV with demo-data --out that imports cleanly', async () => {
    const out = await sa(
      'demo-data',
      '--out',
      'demo.csv',
      '--count',
      '40',
      '--seed',
      '9',
      '--now',
      '2026-11-25T12:00:00Z',
    );
    expect(out.code).toBe(0);
    const csv = await readFile(path.join(dir, 'demo.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('id,source,conversation_id,author_role,created_at,text,topics,sentiment');
    const rows = Number(/wrote (\d+) messages \(40 from customers\)/.exec(out.stderr)?.[1]);
    expect(rows).toBeGreaterThan(40);

    const store = path.join(dir, 'store-c');
    const first = await sa('import', 'demo.csv', '--db', store);
    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toBe(`rows ${rows}: ${rows} imported, 0 updated, 0 unchanged, 0 rejected`);
  });

  it('rejects a bad --count with a clear message', async () => {
    const result = await sa('demo-data', '--count', 'many', '--out', 'x.csv');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('--count must be a whole number ≥ 1, got "many"');
  });
});
