import { z } from 'zod';
import { ClassificationResult, ClassifierDevice, CustomTopic, LoadProgress } from './schemas.ts';

/** Options the page sends to the worker (everything of ClassifierOptions that survives structured clone). */
export const WorkerInitOptions = z
  .object({
    model: z.string().min(1),
    device: ClassifierDevice.optional(),
    batchSize: z.number().int().min(1).max(256).optional(),
    wasmPaths: z.string().min(1).optional(),
    warmup: z.boolean().optional(),
    customTopics: z.array(CustomTopic).optional(),
  })
  .strict();
export type WorkerInitOptions = z.infer<typeof WorkerInitOptions>;

const RequestId = z.number().int().nonnegative();

/** Page → worker. */
export const WorkerRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), id: RequestId, options: WorkerInitOptions }).strict(),
  z.object({ type: z.literal('classify'), id: RequestId, texts: z.array(z.string()) }).strict(),
  z.object({ type: z.literal('setCustomTopics'), id: RequestId, topics: z.array(z.unknown()) }).strict(),
  z.object({ type: z.literal('dispose'), id: RequestId }).strict(),
]);
export type WorkerRequest = z.infer<typeof WorkerRequest>;

export const ClassifierInfo = z.object({
  modelVersion: z.string(),
  device: z.enum(['cpu', 'wasm', 'webgpu']),
  loadMs: z.number().nonnegative(),
});
export type ClassifierInfo = z.infer<typeof ClassifierInfo>;

export const WORKER_ERROR_NAMES = [
  'ClassifierInputError',
  'ModelLoadError',
  'WorkerProtocolError',
  'ClassifierDisposedError',
  'Error',
] as const;

export const WorkerErrorPayload = z.object({
  name: z.enum(WORKER_ERROR_NAMES),
  message: z.string(),
  issues: z
    .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }))
    .optional(),
});
export type WorkerErrorPayload = z.infer<typeof WorkerErrorPayload>;

/** Worker → page. `id` is null on an error that cannot be tied to a request (e.g. an unreadable message). */
export const WorkerResponse = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), progress: LoadProgress }),
  z.object({ type: z.literal('ready'), id: RequestId, info: ClassifierInfo }),
  z.object({ type: z.literal('result'), id: RequestId, results: z.array(ClassificationResult) }),
  z.object({ type: z.literal('done'), id: RequestId }),
  z.object({ type: z.literal('error'), id: RequestId.nullable(), error: WorkerErrorPayload }),
]);
export type WorkerResponse = z.infer<typeof WorkerResponse>;
