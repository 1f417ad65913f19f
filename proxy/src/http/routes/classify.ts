import { ClassifyRequest, type ClassifyResponse, MAX_CLASSIFY_TEXTS } from '@sa/shared/classifier';
import { Hono } from 'hono';
import type { ClassifierHandle } from '../../classify/classifierHandle.ts';
import { MB, readJsonBody } from '../body.ts';
import type { AppEnv } from '../env.ts';
import { HttpError, validationError } from '../errors.ts';

/** 64 texts of 8,000 characters, each up to 4 bytes in UTF-8, plus JSON quoting. */
export const CLASSIFY_BODY_LIMIT = 4 * MB;

/** `POST /v1/classify`: `{ texts }` (1–64, each 1–8,000 characters) → `{ results }`, one per text, in order. */
export function classifyRoutes({ classifier }: { classifier: ClassifierHandle }) {
  return new Hono<AppEnv>().post('/v1/classify', async (c) => {
    const body = await readJsonBody(c, CLASSIFY_BODY_LIMIT);
    const texts = (body as { texts?: unknown } | null)?.texts;
    if (Array.isArray(texts) && texts.length > MAX_CLASSIFY_TEXTS) {
      throw new HttpError(
        413,
        'payload_too_large',
        `${texts.length} texts in one request; send at most ${MAX_CLASSIFY_TEXTS}`,
        { limit: MAX_CLASSIFY_TEXTS },
      );
    }
    const parsed = ClassifyRequest.safeParse(body);
    if (!parsed.success) throw validationError(parsed.error, 'classify request');
    let model: Awaited<ReturnType<ClassifierHandle['get']>>;
    try {
      model = await classifier.get();
    } catch (error) {
      throw new HttpError(
        503,
        'provider_unavailable',
        `the classifier model cannot be loaded: ${(error as Error).message}`,
        undefined,
        { 'Retry-After': '30' },
      );
    }
    const response: ClassifyResponse = { results: await model.classify(parsed.data.texts) };
    return c.json(response);
  });
}
