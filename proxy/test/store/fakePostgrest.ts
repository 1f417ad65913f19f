import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

/**
 * The slice of PostgREST the Supabase adapter uses, over a PGlite database: `POST /rest/v1/rpc/<fn>` with
 * JSON named arguments, `apikey` + `Authorization: Bearer` checked, the function resolved by its argument
 * names from the catalog (as PostgREST's schema cache does) and called through jsonb_to_record, the result as
 * JSON (204 for void), errors as PostgREST's `{code, message, details, hint}` bodies.
 */
export interface FakePostgrest {
  url: string;
  /** Every RPC received, for asserting on the wire format. */
  calls: { fn: string; headers: Record<string, string | string[] | undefined>; body: unknown }[];
  close(): Promise<void>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

interface Signature {
  args: { name: string; type: string }[];
  returnsVoid: boolean;
}

async function signatureOf(db: PGlite, fn: string): Promise<Signature | null> {
  const { rows } = await db.query<{ names: string[] | null; types: string[]; returns: string }>(
    `select p.proargnames as names,
            array(select format_type(t, null) from unnest(p.proargtypes) as t) as types,
            format_type(p.prorettype, null) as returns
     from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'public' and p.proname = $1`,
    [fn],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    args: row.types.map((type, i) => ({ name: row.names?.[i] ?? `$${i + 1}`, type })),
    returnsVoid: row.returns === 'void',
  };
}

function send(res: import('node:http').ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

export async function startFakePostgrest(db: PGlite, serviceRoleKey: string): Promise<FakePostgrest> {
  const calls: FakePostgrest['calls'] = [];
  const server: Server = createServer(async (req, res) => {
    const match = /^\/rest\/v1\/rpc\/([^/?]+)/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match?.[1]) return send(res, 404, { message: 'not found' });
    if (req.headers.apikey !== serviceRoleKey || req.headers.authorization !== `Bearer ${serviceRoleKey}`) {
      return send(res, 401, { code: 'PGRST301', message: 'JWT invalid', details: null, hint: null });
    }
    const fn = decodeURIComponent(match[1]);
    let body = '';
    for await (const chunk of req) body += chunk;
    const args = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
    calls.push({ fn, headers: req.headers, body: args });

    const signature = IDENTIFIER.test(fn) ? await signatureOf(db, fn) : null;
    const given = Object.keys(args).sort();
    if (
      !signature ||
      signature.args
        .map((a) => a.name)
        .sort()
        .join() !== given.join()
    ) {
      return send(res, 404, {
        code: 'PGRST202',
        message: `Could not find the function public.${fn}(${given.join(', ')}) in the schema cache`,
        details: null,
        hint: null,
      });
    }
    const named = signature.args.map((a) => `${a.name} := x.${a.name}`).join(', ');
    const columns = signature.args.map((a) => `${a.name} ${a.type}`).join(', ');
    const from = signature.args.length > 0 ? ` from jsonb_to_record($1::jsonb) as x(${columns})` : '';
    try {
      const { rows } = await db.query<{ result: unknown }>(
        `select to_jsonb(${fn}(${named})) as result${from}`,
        signature.args.length > 0 ? [JSON.stringify(args)] : [],
      );
      if (signature.returnsVoid) return send(res, 204);
      send(res, 200, rows[0]?.result ?? null);
    } catch (error) {
      const e = error as { code?: string; message: string; detail?: string; hint?: string };
      send(res, 400, {
        code: e.code ?? 'XX000',
        message: e.message,
        details: e.detail ?? null,
        hint: e.hint ?? null,
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
