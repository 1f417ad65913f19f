import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseSiteKeys, SiteKeysError } from '../../src/config/index.ts';

const cwd = '/srv/app';

function configError(env: Record<string, string>, overrides = {}): ConfigError {
  try {
    loadConfig(env, { cwd, ...overrides });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('needs nothing: open local mode on 127.0.0.1:8787 with the embedded store in ./data', () => {
    const config = loadConfig({}, { cwd });
    expect(config).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      openLocalMode: true,
      siteKeys: [],
      store: { kind: 'pglite', dataDir: path.join(cwd, 'data') },
      chat: { defaultProvider: 'local', available: ['local'], openai: null, gemini: null },
      redisUrl: null,
      allowClockOverride: false,
      logLevel: 'info',
    });
  });

  it('resolves relative paths from INIT_CWD, where the user ran pnpm', () => {
    const config = loadConfig({ INIT_CWD: '/home/me/project', DATA_DIR: 'store', MODEL_DIR: 'm' });
    expect(config.store).toEqual({ kind: 'pglite', dataDir: '/home/me/project/store' });
    expect(config.paths.modelDir).toBe('/home/me/project/m');
  });

  it('names each bad variable on its own line item, without echoing secrets', () => {
    const error = configError({
      PORT: 'eighty',
      CHAT_PROVIDER: 'claude',
      REDIS_URL: 'http://nope',
      OPENAI_BASE_URL: 'not a url',
      LOG_LEVEL: 'loud',
    });
    expect(error.issues).toHaveLength(5);
    expect(error.issues.find((line) => line.startsWith('PORT'))).toBe(
      'PORT must be a whole number from 0 to 65535 (got "eighty")',
    );
    expect(error.issues.find((line) => line.startsWith('CHAT_PROVIDER'))).toMatch(/openai, gemini, local/);
    expect(error.issues.find((line) => line.startsWith('REDIS_URL'))).toBe(
      'REDIS_URL must be a URL starting with redis:// or rediss://',
    );
    expect(error.issues.some((line) => line.startsWith('OPENAI_BASE_URL'))).toBe(true);
    expect(error.issues.some((line) => line.startsWith('LOG_LEVEL'))).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it('rejects a port above 65535', () => {
    expect(configError({ PORT: '70000' }).issues).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "70000")',
    ]);
  });

  it('refuses a public bind address without SITE_KEYS (open local mode is loopback only)', () => {
    expect(configError({ HOST: '0.0.0.0' }).issues[0]).toMatch(/^HOST=0\.0\.0\.0 needs SITE_KEYS/);
  });

  it('binds anywhere once keys are configured', () => {
    const config = loadConfig({ HOST: '0.0.0.0', SITE_KEYS: 'k_0123456789abcdef:casino1:admin' }, { cwd });
    expect(config.openLocalMode).toBe(false);
    expect(config.host).toBe('0.0.0.0');
    expect(config.siteKeys).toEqual([
      { key: 'k_0123456789abcdef', site: 'casino1', role: 'admin', origins: [] },
    ]);
  });

  it('--db wins over DATABASE_URL and DATA_DIR; a URL means PostgreSQL, anything else a directory', () => {
    const env = { DATABASE_URL: 'postgres://u:p@db/x', DATA_DIR: '/var/sa' };
    expect(loadConfig(env, { cwd }).store).toEqual({ kind: 'postgres', url: 'postgres://u:p@db/x' });
    expect(loadConfig(env, { cwd, db: 'tmp/s' }).store).toEqual({
      kind: 'pglite',
      dataDir: '/srv/app/tmp/s',
    });
    expect(loadConfig(env, { cwd, db: 'postgresql://h/db' }).store).toEqual({
      kind: 'postgres',
      url: 'postgresql://h/db',
    });
    expect(configError({}, { db: 'mysql://root:secret@h/db' }).issues).toEqual([
      '--db expected a directory or a postgres:// URL, got "mysql://root:***@h/db"',
    ]);
  });

  it('DATABASE_URL must be a postgres URL and is never echoed', () => {
    const error = configError({ DATABASE_URL: 'mysql://root:hunter2@h/db' });
    expect(error.issues).toEqual(['DATABASE_URL must be a URL starting with postgres:// or postgresql://']);
    expect(error.message).not.toContain('hunter2');
  });

  it('the Supabase adapter needs both its URL and its service role key', () => {
    expect(configError({ SUPABASE_URL: 'https://x.supabase.co' }).issues[0]).toMatch(
      /^SUPABASE_SERVICE_ROLE_KEY is missing/,
    );
    const config = loadConfig(
      { SUPABASE_URL: 'https://x.supabase.co', SUPABASE_SERVICE_ROLE_KEY: 's' },
      { cwd },
    );
    expect(config.store).toEqual({ kind: 'supabase', url: 'https://x.supabase.co', serviceRoleKey: 's' });
  });

  it('--port overrides PORT and is checked the same way', () => {
    expect(loadConfig({ PORT: '9000' }, { cwd, port: '9100' }).port).toBe(9100);
    expect(configError({}, { port: 'x' }).issues).toEqual([
      '--port must be a whole number from 0 to 65535 (got "x")',
    ]);
  });

  it('defaults the chat provider to the first with a key, and refuses one without its key', () => {
    expect(loadConfig({ GEMINI_API_KEY: 'g' }, { cwd }).chat).toMatchObject({
      defaultProvider: 'gemini',
      available: ['gemini', 'local'],
      gemini: { apiKey: 'g', model: 'gemini-2.5-flash' },
    });
    expect(
      loadConfig({ GEMINI_API_KEY: 'g', OPENAI_API_KEY: 'o', OPENAI_MODEL: 'gpt-x' }, { cwd }).chat,
    ).toMatchObject({
      defaultProvider: 'openai',
      available: ['openai', 'gemini', 'local'],
      openai: { model: 'gpt-x' },
    });
    expect(configError({ CHAT_PROVIDER: 'openai' }).issues).toEqual([
      'CHAT_PROVIDER=openai needs OPENAI_API_KEY',
    ]);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', SITE_KEYS: '  ', OPENAI_API_KEY: '' }, { cwd })).toMatchObject({
      port: 8787,
      openLocalMode: true,
      chat: { openai: null },
    });
  });
});

describe('parseSiteKeys', () => {
  it('reads the compact form with origins (which contain colons themselves)', () => {
    expect(
      parseSiteKeys(
        'k_aaaaaaaaaaaaaaaa:site-a:viewer:https://a.example|http://localhost:5173,k_bbbbbbbbbbbbbbbb:b:admin',
      ),
    ).toEqual([
      {
        key: 'k_aaaaaaaaaaaaaaaa',
        site: 'site-a',
        role: 'viewer',
        origins: ['https://a.example', 'http://localhost:5173'],
      },
      { key: 'k_bbbbbbbbbbbbbbbb', site: 'b', role: 'admin', origins: [] },
    ]);
  });

  it('reads the JSON form', () => {
    expect(
      parseSiteKeys('[{"key":"k_aaaaaaaaaaaaaaaa","site":"s","role":"admin","origins":["https://x.io"]}]'),
    ).toEqual([{ key: 'k_aaaaaaaaaaaaaaaa', site: 's', role: 'admin', origins: ['https://x.io'] }]);
  });

  it.each([
    ['k_aaaaaaaaaaaaaaaa:s', 'entry 1: expected key:site:role[:origin1|origin2]'],
    ['short:s:admin', 'entry 1 key: key must be at least 16 characters'],
    ['k_aaaaaaaaaaaaaaaa:s:owner', 'entry 1 role'],
    ['k_aaaaaaaaaaaaaaaa:s:admin:https://a.example/path', 'entry 1 origins.0: origin must look like'],
    ['k_aaaaaaaaaaaaaaaa:bad site:admin', 'entry 1 site: site id must be'],
    ['k_aaaaaaaaaaaaaaaa:a:admin,k_aaaaaaaaaaaaaaaa:b:viewer', 'entry 2: key is listed twice'],
    ['[{"key":', 'not valid JSON'],
  ])('rejects %s', (raw, expected) => {
    expect(() => parseSiteKeys(raw)).toThrow(SiteKeysError);
    expect(() => parseSiteKeys(raw)).toThrow(expected);
  });

  it('reports SITE_KEYS problems as configuration errors naming the variable', () => {
    expect(configError({ SITE_KEYS: 'k_aaaaaaaaaaaaaaaa:s:owner' }).issues[0]).toMatch(
      /^SITE_KEYS entry 1 role/,
    );
  });
});
