import { randomBytes } from 'node:crypto';
import { type Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../../config/index.ts';
import { TABLE_CACHE_MS } from '../../security/keyDirectory.ts';
import { sha256Hex } from '../../security/securityConfig.ts';
import type { StoredSiteKey } from '../../security/siteKeyTable.ts';
import { openStore } from '../../store/openStore.ts';
import type { Store } from '../../store/Store.ts';

interface AddOptions {
  site: string;
  role: string;
  origin: string[];
  requestsPerMinute?: number;
  chatPerMinute?: number;
  requireSignIn?: boolean;
  adminToken?: boolean;
  label?: string;
  json?: boolean;
}

function positive(value: string): number {
  if (!/^[1-9]\d{0,8}$/.test(value)) throw new InvalidArgumentError('must be a whole number above 0');
  return Number(value);
}

const collect = (value: string, previous: string[]) => [...previous, value];

async function withStore<T>(command: Command, work: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env, { db: command.optsWithGlobals<{ db?: string }>().db });
  const store = await openStore(config.store);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** The first issue of a failed validation, as one line naming the option. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const option = String(issue?.path[0] ?? '').replace(/_/g, '-');
  return option
    ? `--${option === 'origins' ? 'origin' : option}: ${issue?.message}`
    : (issue?.message ?? 'invalid');
}

function describe(key: StoredSiteKey): string {
  const limits = [
    key.requests_per_minute ? `${key.requests_per_minute}/min` : null,
    key.chat_per_minute ? `chat ${key.chat_per_minute}/min` : null,
  ].filter(Boolean);
  return [
    key.key_id,
    key.site,
    key.role,
    key.revoked_at ? `revoked ${key.revoked_at}` : 'active',
    key.origins.length ? key.origins.join(' ') : '(no origins: servers and CLI only)',
    ...(limits.length ? [limits.join(', ')] : []),
    ...(key.admin_token_sha256 ? ['own admin token'] : []),
    ...(key.require_sign_in ? ['sign-in required'] : []),
    ...(key.label ? [JSON.stringify(key.label)] : []),
  ].join('  ');
}

export function register(program: Command): void {
  const keys = program
    .command('keys')
    .description('site keys kept in the store (the proxy reads them with SITE_KEYS_TABLE=on)');

  keys
    .command('add')
    .description('create a site key; it is printed once and only its SHA-256 is stored')
    .requiredOption('--site <id>', 'the site the key acts for')
    .requiredOption('--role <role>', 'viewer (the embedded widget) or admin (import, export, ingestion)')
    .option('--origin <origin>', 'a browser origin the key may be used from (repeat for more)', collect, [])
    .option('--requests-per-minute <n>', "this key's request budget", positive)
    .option('--chat-per-minute <n>', "this key's chat budget", positive)
    .option('--require-sign-in', "viewer keys: every request also needs a signed-in user's token")
    .option(
      '--admin-token',
      'admin keys: give the key its own admin token instead of ADMIN_TOKEN (printed once)',
    )
    .option('--label <text>', 'a note for `keys list`')
    .option('--json', 'print one JSON object')
    .action(async (opts: AddOptions, command: Command) => {
      if (opts.adminToken && opts.role !== 'admin') {
        throw new Error('--admin-token is for admin keys (--role admin)');
      }
      const adminToken = opts.adminToken ? `sat_${randomBytes(32).toString('base64url')}` : null;
      const added = await withStore(command, async (store) => {
        try {
          return await store.siteKeys.add({
            site: opts.site,
            role: opts.role as 'viewer' | 'admin',
            origins: opts.origin,
            ...(opts.requestsPerMinute ? { requests_per_minute: opts.requestsPerMinute } : {}),
            ...(opts.chatPerMinute ? { chat_per_minute: opts.chatPerMinute } : {}),
            ...(adminToken ? { admin_token_sha256: sha256Hex(adminToken) } : {}),
            require_sign_in: opts.requireSignIn ?? false,
            ...(opts.label ? { label: opts.label } : {}),
          });
        } catch (error) {
          if (error instanceof z.ZodError) throw new Error(firstIssue(error));
          throw error;
        }
      });
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify({ key: added.key, admin_token: adminToken, ...added.stored })}\n`,
        );
        return;
      }
      process.stdout.write(
        [
          `site key (shown once; store it now): ${added.key}`,
          ...(adminToken ? [`admin token (shown once): ${adminToken}`] : []),
          describe(added.stored),
          `the proxy accepts it when it runs with SITE_KEYS_TABLE=on (within ${TABLE_CACHE_MS / 1000} s)`,
          '',
        ].join('\n'),
      );
    });

  keys
    .command('list')
    .description('every key in the store by its id, revoked ones too (keys themselves are never stored)')
    .option('--json', 'print a JSON array')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const list = await withStore(command, (store) => store.siteKeys.list());
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(list)}\n`);
        return;
      }
      process.stdout.write(
        list.length ? `${list.map(describe).join('\n')}\n` : 'no site keys in the store\n',
      );
    });

  keys
    .command('revoke <key-id>')
    .description(
      `revoke a key by the id "keys list" shows (the proxy refuses it within ${TABLE_CACHE_MS / 1000} s)`,
    )
    .action(async (id: string, _opts: unknown, command: Command) => {
      const revoked = await withStore(command, (store) => store.siteKeys.revoke(id.trim()));
      if (!revoked) throw new Error(`no active site key has id ${id}; see pnpm sa keys list`);
      process.stdout.write(`revoked ${describe(revoked)}\n`);
    });
}
