import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleProxy } from '../../scripts/bundle.ts';
import { REPO_ROOT } from '../../src/config/index.ts';

const run = promisify(execFile);

/** Shapes of credentials that must never ship to browsers. */
const SECRET_SHAPES: [string, RegExp][] = [
  ['OpenAI key', /sk-(proj-)?[A-Za-z0-9_-]{20,}/],
  ['Google API key', /AIza[0-9A-Za-z_-]{35}/],
  [
    'JWT (e.g. a Supabase service-role key)',
    /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/,
  ],
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['site key or admin token made by sa keys add', /\bsa[kt]_[A-Za-z0-9_-]{43}\b/],
  ['connection string with a password', /(postgres(ql)?|redis|rediss):\/\/[^\s:/@'"]+:[^\s@/'"]+@/],
];

/** Values of this machine's secret variables, when set: none may appear in a build. */
const SECRET_ENV = [
  'OPENAI_API_KEY',
  'GEMINI_API_KEY',
  'SUPABASE_SERVICE_ROLE_KEY',
  'SITE_KEYS',
  'LIVECHAT_WEBHOOK_SECRET',
  'TELEGRAM_WEBHOOK_SECRET',
  'DATABASE_URL',
  'REDIS_URL',
  'ADMIN_TOKEN',
  'SUPABASE_JWT_SECRET',
  'SESSION_TOKEN_SECRET',
];

async function textFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(js|mjs|html|json|css|map|txt|_headers)$|^_headers$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/**
 * Each artifact is built fresh into a directory of this test's own: scanning whatever `dist/` holds would skip on
 * a fresh clone and race the browser tests, which rebuild `widget/dist` while they run.
 */
async function viteBuild(packageDir: string, outDir: string, config?: string): Promise<void> {
  const args = ['exec', 'vite', 'build', '--outDir', outDir, '--logLevel', 'error'];
  if (config) args.push('-c', config);
  await run('pnpm', args, { cwd: path.join(REPO_ROOT, packageDir), maxBuffer: 64 * 1024 * 1024 });
}

const BUILDS: { name: string; build: (outDir: string) => Promise<unknown> }[] = [
  {
    name: 'widget',
    build: async (outDir) => {
      await viteBuild('widget', outDir);
      await viteBuild('widget', outDir, 'vite.loader.config.ts');
    },
  },
  { name: 'extension', build: (outDir) => viteBuild('extension', outDir) },
  { name: 'proxy bundle', build: (outDir) => bundleProxy(outDir) },
];

let buildRoot = '';
beforeAll(async () => {
  buildRoot = await mkdtemp(path.join(tmpdir(), 'sa-artifacts-'));
  for (const build of BUILDS) await build.build(path.join(buildRoot, build.name));
}, 600_000);
afterAll(async () => {
  if (buildRoot) await rm(buildRoot, { recursive: true, force: true });
});

describe('built artifacts hold no secrets', () => {
  for (const build of BUILDS) {
    it(`${build.name} build`, async () => {
      const dir = path.join(buildRoot, build.name);
      const files = await textFiles(dir);
      expect(files.length).toBeGreaterThan(0);
      const values = SECRET_ENV.map((name) => process.env[name]).filter(
        (v): v is string => !!v && v.length >= 8,
      );
      const findings: string[] = [];
      for (const file of files) {
        const text = await readFile(file, 'utf8');
        for (const [what, shape] of SECRET_SHAPES) {
          if (shape.test(text)) findings.push(`${path.relative(dir, file)}: ${what}`);
        }
        for (const value of values) {
          if (text.includes(value))
            findings.push(`${path.relative(dir, file)}: an environment secret's value`);
        }
      }
      expect(findings).toEqual([]);
    });
  }
});
