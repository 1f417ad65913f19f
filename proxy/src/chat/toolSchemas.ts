/**
 * JSON Schema for LLM tools, derived from the zod contracts: OpenAI's strict function calling wants every
 * property required (optional ones become nullable), no extra properties and none of the keywords it does
 * not support; Gemini takes the plain schema. Constraints dropped here are still enforced: every call's
 * arguments are parsed with the zod schema before anything runs.
 */

type Json = Record<string, unknown>;

const STRICT_UNSUPPORTED = [
  '$schema',
  'pattern',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'default',
];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nullable(schema: Json): Json {
  const { description, ...rest } = schema;
  return { anyOf: [rest, { type: 'null' }], ...(description ? { description } : {}) };
}

/** OpenAI strict mode: all properties required, optional → nullable, additionalProperties false. */
export function toStrictSchema(schema: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (STRICT_UNSUPPORTED.includes(key)) continue;
    if (key === 'properties' && isObject(value)) {
      const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
      const props: Json = {};
      for (const [name, prop] of Object.entries(value)) {
        const strict = toStrictSchema(prop as Json);
        props[name] = required.has(name) ? strict : nullable(strict);
      }
      out.properties = props;
      out.required = Object.keys(props);
      out.additionalProperties = false;
    } else if (key === 'items' && isObject(value)) {
      out.items = toStrictSchema(value);
    } else if ((key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      out.anyOf = value.map((v) => toStrictSchema(v as Json));
    } else if (key !== 'required' && key !== 'additionalProperties') {
      out[key] = value;
    }
  }
  if (out.type === 'object' && !out.properties) {
    out.properties = {};
    out.required = [];
    out.additionalProperties = false;
  }
  return out;
}

/** Gemini function declarations take JSON Schema as is, less the draft marker. */
export function toGeminiSchema(schema: Json): Json {
  const { $schema: _drop, ...rest } = schema;
  return rest;
}

/** Strict mode sends null for an unset optional field; zod's optional() wants it absent. */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) if (v !== null) out[key] = dropNulls(v);
  return out;
}
