import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/config/index.ts';

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

const BUILDS = [
  { name: 'widget', dir: path.join(REPO_ROOT, 'widget', 'dist'), build: 'pnpm --filter @sa/widget build' },
  {
    name: 'extension',
    dir: path.join(REPO_ROOT, 'extension', 'dist'),
    build: 'pnpm --filter @sa/extension build',
  },
  { name: 'proxy', dir: path.join(REPO_ROOT, 'proxy', 'dist'), build: 'pnpm --filter @sa/proxy bundle' },
];

describe('built artifacts hold no secrets', () => {
  for (const build of BUILDS) {
    it.skipIf(!existsSync(build.dir))(`${build.name} dist (build it with ${build.build})`, async () => {
      const files = await textFiles(build.dir);
      expect(files.length).toBeGreaterThan(0);
      const values = SECRET_ENV.map((name) => process.env[name]).filter(
        (v): v is string => !!v && v.length >= 8,
      );
      const findings: string[] = [];
      for (const file of files) {
        const text = await readFile(file, 'utf8');
        for (const [what, shape] of SECRET_SHAPES) {
          if (shape.test(text)) findings.push(`${path.relative(REPO_ROOT, file)}: ${what}`);
        }
        for (const value of values) {
          if (text.includes(value))
            findings.push(`${path.relative(REPO_ROOT, file)}: an environment secret's value`);
        }
      }
      expect(findings).toEqual([]);
    });
  }
});
