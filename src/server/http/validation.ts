import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { isCalendarDate, parseIsoDateTime } from '../lib/local-date.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

const COMMON: Options = { useDefaults: true, removeAdditional: true, allErrors: false, strict: false };

/**
 * Fastify coerces types everywhere by default, so a JSON body's `"id": 42` would pass as
 * "42". Query strings and headers are text and must be coerced ("limit=10"); JSON bodies
 * carry real types, and a wrong one is a 400.
 *
 * Dates: `date` and `date-time` are replaced by stricter checks that also bound them to the
 * accepted span (lib/local-date.ts), so every date the API takes is a real day or instant that
 * both databases store alike. Numbers: a request schema whose integer or number has no
 * minimum and maximum fails at start-up (see assertNumbersBounded).
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = withDateFormats(addFormats(new Ajv({ ...COMMON, coerceTypes: false })));
  const coercing = withDateFormats(addFormats(new Ajv({ ...COMMON, coerceTypes: 'array' })));
  return ({ schema, httpPart, url, method }) => {
    assertNumbersBounded(schema, `${method} ${url} ${httpPart ?? ''}`);
    return (httpPart === 'body' ? strict : coercing).compile(schema as object);
  };
}

function withDateFormats(ajv: Ajv): Ajv {
  ajv.addFormat('date', { type: 'string', validate: isCalendarDate });
  ajv.addFormat('date-time', { type: 'string', validate: (value: string) => parseIsoDateTime(value) !== undefined });
  return ajv;
}

/**
 * Every integer or number a request may carry must say its range: PostgreSQL's integer is 32
 * bits and bigint 64, JavaScript's exact integers 53; an unbounded one reaches the database as
 * 1e308 and answers 500 there while SQLite answers 200.
 */
export function assertNumbersBounded(schema: unknown, where: string, path = ''): void {
  if (schema === null || typeof schema !== 'object') return;
  const node = schema as Record<string, unknown>;
  const types = Array.isArray(node.type) ? node.type : [node.type];
  if (types.includes('integer') || types.includes('number')) {
    const hasMin = typeof node.minimum === 'number' || typeof node.exclusiveMinimum === 'number';
    const hasMax = typeof node.maximum === 'number' || typeof node.exclusiveMaximum === 'number';
    if (!hasMin || !hasMax) throw new Error(`${where}${path}: an input integer/number needs a minimum and a maximum`);
    const bounds = [node.minimum, node.maximum, node.exclusiveMinimum, node.exclusiveMaximum];
    if (
      types.includes('integer') &&
      bounds.some((bound) => typeof bound === 'number' && !Number.isSafeInteger(bound))
    ) {
      throw new Error(`${where}${path}: integer bounds must be safe integers`);
    }
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'default' || key === 'examples' || key === 'const' || key === 'enum') continue;
    const children: [string, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [`${key}/${index}`, item])
      : [[key, value]];
    for (const [name, child] of children) assertNumbersBounded(child, where, `${path}/${name}`);
  }
}
