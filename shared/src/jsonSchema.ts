import { z } from 'zod';

/** JSON Schema (draft 2020-12) generated from a zod schema: the one source for LLM tools and OpenAPI. */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
}
