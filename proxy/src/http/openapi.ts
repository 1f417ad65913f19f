import {
  AnalyticsQuery,
  ApiError,
  ChatAnswer,
  ChatRequest,
  MessageInput,
  QueryResponse,
  StoredMessage,
  toJsonSchema,
} from '@sa/shared';
import { ClassifyRequest, ClassifyResponse } from '@sa/shared/classifier';
import { z } from 'zod';
import { isAdminRoute } from '../security/adminAccess.ts';
import { ExportParams } from './routes/export.ts';
import { MAX_MESSAGES_PER_REQUEST, MessageListParams } from './routes/messages.ts';

type JsonObject = Record<string, unknown>;

/** JSON Schema from zod, as an OpenAPI 3.1 schema object (OpenAPI names the dialect once, not per schema). */
function schemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonObject {
  const { $schema: _dialect, ...rest } = toJsonSchema(schema, io);
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (schema: JsonObject) => ({ 'application/json': { schema } });

const UpsertSummary = z.object({
  received: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
const MessagePage = z.object({ messages: z.array(StoredMessage), next_cursor: z.string().nullable() });
const Health = z.object({
  ok: z.boolean(),
  store: z.object({ kind: z.string(), ok: z.boolean(), error: z.string().optional() }),
  model: z.object({
    ready: z.boolean(),
    version: z.string().nullable().optional(),
    detail: z.string().optional(),
  }),
  inbox: z
    .object({
      pending: z.number().int(),
      dead: z.number().int(),
      oldest_pending_at: z.string().nullable(),
      lag_ms: z.number(),
    })
    .nullable()
    .describe('Webhook inbox depth and lag; null when the store cannot say'),
  providers: z.object({ available: z.array(z.string()), default: z.string() }),
  open_local_mode: z.boolean(),
});

const COMPONENTS = {
  AnalyticsQuery: schemaOf(AnalyticsQuery),
  QueryResponse: schemaOf(QueryResponse, 'output'),
  MessageInput: schemaOf(MessageInput),
  StoredMessage: schemaOf(StoredMessage, 'output'),
  MessagePage: schemaOf(MessagePage, 'output'),
  UpsertSummary: schemaOf(UpsertSummary, 'output'),
  ChatRequest: schemaOf(ChatRequest),
  ChatAnswer: schemaOf(ChatAnswer, 'output'),
  ClassifyRequest: schemaOf(ClassifyRequest),
  ClassifyResponse: schemaOf(ClassifyResponse, 'output'),
  Health: schemaOf(Health, 'output'),
  ApiError: schemaOf(ApiError, 'output'),
};

const LIST_PARAMS = new Set(['topics', 'sources', 'sentiments', 'roles']);

/** Query parameters from a zod object; list filters take comma-separated values (`topics=a,b`). */
function queryParameters(shape: Record<string, z.ZodType>): JsonObject[] {
  return Object.entries(shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: false,
    ...(LIST_PARAMS.has(name) ? { style: 'form', explode: false } : {}),
    schema: schemaOf(field),
  }));
}

function errors(...statuses: number[]): Record<string, JsonObject> {
  const text: Record<number, string> = {
    400: 'Bad input; `details` lists each problem (path and message)',
    401: 'Missing or unknown site key; on admin routes a missing or wrong admin token; on sign-in keys a missing or refused user token (the code says which)',
    403: 'The key does not allow this',
    413: 'Body larger than this route accepts',
    415: 'Wrong Content-Type',
    503: 'Store or provider down; see Retry-After',
  };
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      { description: text[status], content: jsonContent(ref('ApiError')) },
    ]),
  );
}

/** What each route of the public surface (interfaces.md) is, keyed `METHOD path`. */
const OPERATIONS: Record<string, JsonObject> = {
  'GET /healthz': {
    summary: 'Health of the store, the model and the chat providers',
    security: [],
    responses: {
      '200': { description: 'Healthy', content: jsonContent(ref('Health')) },
      '503': { description: 'The store cannot be reached', content: jsonContent(ref('Health')) },
    },
  },
  'POST /v1/query': {
    summary: 'Run one analytics query; returns it as executed (defaults filled) with its result',
    requestBody: { required: true, content: jsonContent(ref('AnalyticsQuery')) },
    responses: {
      '200': {
        description: 'The query as executed and its result',
        content: jsonContent(ref('QueryResponse')),
      },
      ...errors(400, 401, 413, 415, 503),
    },
  },
  'GET /v1/messages': {
    summary: 'Filtered messages with labels, newest first, one page at a time',
    parameters: queryParameters(MessageListParams.shape),
    responses: {
      '200': {
        description: 'A page; pass next_cursor as cursor for the next',
        content: jsonContent(ref('MessagePage')),
      },
      ...errors(400, 401, 503),
    },
  },
  'POST /v1/messages': {
    summary: `Ingest up to ${MAX_MESSAGES_PER_REQUEST} messages, all or nothing; unlabelled ones are classified on the server`,
    requestBody: {
      required: true,
      content: jsonContent({ type: 'array', items: ref('MessageInput'), maxItems: MAX_MESSAGES_PER_REQUEST }),
    },
    responses: {
      '200': { description: 'Stored', content: jsonContent(ref('UpsertSummary')) },
      ...errors(400, 401, 403, 413, 415, 503),
    },
  },
  'POST /v1/import': {
    summary: 'Import a messages CSV (analytics.md, "CSV import"); bad rows are reported with line numbers',
    requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
    responses: {
      '200': { description: 'Import summary', content: jsonContent({ type: 'object' }) },
      ...errors(400, 401, 403, 413, 415, 503),
    },
  },
  'GET /v1/export': {
    summary: 'Every matching message, newest first, streamed as CSV or a JSON array',
    parameters: queryParameters(ExportParams.shape),
    responses: {
      '200': {
        description: 'The messages',
        content: {
          'text/csv': { schema: { type: 'string' } },
          'application/json': { schema: { type: 'array', items: ref('StoredMessage') } },
        },
      },
      ...errors(400, 401, 503),
    },
  },
  'GET /openapi.json': {
    summary: 'This document',
    security: [],
    responses: { '200': { description: 'OpenAPI 3.1', content: jsonContent({ type: 'object' }) } },
  },
  'POST /v1/chat': {
    summary:
      'Ask an analytics question; server-sent events, or only the final answer with Accept: application/json',
    requestBody: { required: true, content: jsonContent(ref('ChatRequest')) },
    responses: {
      '200': {
        description: 'The answer',
        content: { 'text/event-stream': { schema: { type: 'string' } }, ...jsonContent(ref('ChatAnswer')) },
      },
      ...errors(400, 401, 413, 415, 503),
    },
  },
  'POST /v1/classify': {
    summary: 'Topics, scores and sentiment per text',
    requestBody: { required: true, content: jsonContent(ref('ClassifyRequest')) },
    responses: {
      '200': { description: 'One result per text, in order', content: jsonContent(ref('ClassifyResponse')) },
      ...errors(400, 401, 413, 415, 503),
    },
  },
  'GET /v1/events': {
    summary: 'Server-sent events: new and relabelled messages',
    responses: {
      '200': {
        description: 'Event stream',
        content: { 'text/event-stream': { schema: { type: 'string' } } },
      },
    },
  },
  'POST /v1/ingest/livechat': {
    summary: 'LiveChat webhook receiver',
    responses: { '200': { description: 'Accepted' }, ...errors(400, 401) },
  },
  'POST /v1/ingest/telegram': {
    summary: 'Telegram Bot API webhook receiver',
    responses: { '200': { description: 'Accepted' }, ...errors(400, 401) },
  },
};

/** Only API routes belong in the document; static files (/, /widget, /models, /ort) do not. */
function isApiRoute(path: string): boolean {
  return path === '/healthz' || path === '/openapi.json' || path.startsWith('/v1/');
}

/**
 * The OpenAPI 3.1 document for the routes actually mounted on the app: schemas come from the shared
 * zod contracts, so the document cannot drift from what the handlers validate.
 */
export function buildOpenApi(
  routes: readonly { method: string; path: string }[],
  version: string,
): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const { method, path } of routes) {
    if (method === 'ALL' || !isApiRoute(path)) continue;
    const operation = OPERATIONS[`${method} ${path}`] ?? {
      summary: `${method} ${path}`,
      responses: { default: { description: 'See interfaces.md' } },
    };
    const openApiPath = path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    // Admin routes need both: the admin key as X-Site-Key and the admin token as the bearer.
    const secured = isAdminRoute(method, path)
      ? { ...operation, security: [{ siteKey: [], bearer: [] }] }
      : operation;
    paths[openApiPath] = { ...paths[openApiPath], [method.toLowerCase()]: secured };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Support analytics proxy',
      version,
      description:
        'Errors are always `{ error: { code, message, details? } }`. With site keys configured, send the key as `X-Site-Key` (or alone as `Authorization: Bearer <key>`); admin routes also need the admin token, and keys that require sign-in a user token, as `Authorization: Bearer` beside `X-Site-Key`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      schemas: COMPONENTS,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        siteKey: { type: 'apiKey', in: 'header', name: 'X-Site-Key' },
      },
    },
    security: [{ bearer: [] }, { siteKey: [] }],
    paths,
  };
}
