import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

const COMMON: Options = { useDefaults: true, removeAdditional: true, allErrors: false, strict: false };

/**
 * Fastify coerces types everywhere by default, so a JSON body's `"id": 42` would pass as
 * "42". Query strings and headers are text and must be coerced ("limit=10"); JSON bodies
 * carry real types, and a wrong one is a 400.
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = addFormats(new Ajv({ ...COMMON, coerceTypes: false }));
  const coercing = addFormats(new Ajv({ ...COMMON, coerceTypes: 'array' }));
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema as object);
}
