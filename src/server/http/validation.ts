import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import type { DataValidationCxt } from 'ajv/dist/types/index.js';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import {
  isTimeZone,
  PROBLEM_ANNOTATION,
  type ProblemAnnotation,
  TIME_ZONE_FORMAT,
} from '../../contract/schema-helpers.ts';
import { AppError } from '../lib/app-error.ts';
import { isCalendarDate, parseIsoDateTime } from '../lib/local-date.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

const COMMON: Options = { useDefaults: true, allErrors: false, strict: false };

/**
 * Fastify coerces types everywhere by default, so a JSON body's `"id": 42` would pass as
 * "42". Query strings and headers are text and must be coerced ("limit=10"); JSON bodies
 * carry real types, and a wrong one is a 400.
 *
 * Unknown fields: every object of a body is closed (`additionalProperties: false`, checked at
 * start-up by assertBodyObjectsClosed) and a field it does not list is a 400 `invalid-request`
 * naming every unknown field, never silently dropped. Query strings are open: a parameter the
 * route does not list is ignored (documented in the OpenAPI description), so a cache-buster or a
 * newer client's extra filter does not break a request.
 *
 * Dates: `date` and `date-time` are replaced by stricter checks that also bound them to the
 * accepted span (lib/local-date.ts), so every date the API takes is a real day or instant that
 * both databases store alike. Time zones: the `iana-time-zone` format is the zone check the
 * services use. Numbers: a request schema whose integer or number has no minimum and maximum
 * fails at start-up (see assertNumbersBounded).
 *
 * A failed check under a schema node annotated with `x-problem` (contract/schema-helpers.ts) answers
 * that problem's code rather than `invalid-request`: the rule is in the schema (and so in the
 * OpenAPI document), the code clients switch on stays the one the service used to raise.
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = withCustomFormats(addFormats(new Ajv({ ...COMMON, coerceTypes: false, removeAdditional: false })));
  const coercing = withCustomFormats(addFormats(new Ajv({ ...COMMON, coerceTypes: 'array', removeAdditional: true })));
  return ({ schema, httpPart, url, method }) => {
    const where = `${method} ${url} ${httpPart ?? ''}`;
    assertNumbersBounded(schema, where);
    if (httpPart === 'body') assertBodyObjectsClosed(schema, where);
    const validate = (httpPart === 'body' ? strict : coercing).compile(schema as object);
    return explainingFailures(validate, schema, httpPart ?? 'request');
  };
}

function withCustomFormats(ajv: Ajv): Ajv {
  ajv.addFormat('date', { type: 'string', validate: isCalendarDate });
  ajv.addFormat('date-time', { type: 'string', validate: (value: string) => parseIsoDateTime(value) !== undefined });
  ajv.addFormat(TIME_ZONE_FORMAT, { type: 'string', validate: isTimeZone });
  return ajv;
}

type Validator = ((data: unknown, context?: DataValidationCxt) => boolean | { error: AppError }) & {
  errors?: ErrorObject[] | null;
  schemaEnv?: unknown;
};

/**
 * Wraps Ajv's validator for Fastify: an unknown field's error names every unknown field of that
 * object (Ajv stops at the first), and an error under an `x-problem` node becomes that problem.
 * `schemaEnv` is kept so that Fastify still passes the parent data (Ajv can then coerce a root).
 */
function explainingFailures(validate: ValidateFunction, schema: unknown, httpPart: string): Validator {
  const wrapped: Validator = (data, context) => {
    if (validate(data, context)) {
      wrapped.errors = null;
      return true;
    }
    const errors = closestBranchOnly(validate.errors ?? []).flatMap((error) =>
      namingUnknownFields(error, data, schema),
    );
    for (const error of errors) {
      const annotation = annotationFor(schema, error);
      if (!annotation) continue;
      const path = `${httpPart}${pathOf(error)}`;
      const message = annotation.message ?? error.message ?? 'is not valid';
      const detail = annotation.detail ?? `${path}: ${message}`;
      return { error: new AppError(400, annotation.code, annotation.title, detail, { errors: [{ path, message }] }) };
    }
    wrapped.errors = errors;
    return false;
  };
  wrapped.schemaEnv = (validate as unknown as { schemaEnv?: unknown }).schemaEnv;
  wrapped.errors = null;
  return wrapped;
}

/**
 * A value that is none of an `anyOf`'s shapes (POST /app/sessions takes a password body or a device
 * code): only the errors of the shape it came closest to, as if that were the only one — fewest errors,
 * then the deepest (more of it matched) — without the other shapes' complaints or the bare "must match
 * a schema in anyOf".
 */
function closestBranchOnly(errors: ErrorObject[]): ErrorObject[] {
  let kept = errors;
  for (const union of errors.filter((error) => error.keyword === 'anyOf')) {
    const prefix = `${union.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const error of kept) {
      if (!error.schemaPath.startsWith(prefix)) continue;
      const branch = error.schemaPath.slice(prefix.length).split('/', 1)[0] ?? '';
      branches.set(branch, [...(branches.get(branch) ?? []), error]);
    }
    if (branches.size === 0) continue;
    const depth = (branch: ErrorObject[]) => Math.max(...branch.map((error) => error.instancePath.split('/').length));
    const [closest = []] = [...branches.values()].sort((a, b) => a.length - b.length || depth(b) - depth(a));
    kept = kept.filter((error) => error !== union && (!error.schemaPath.startsWith(prefix) || closest.includes(error)));
  }
  return kept;
}

/** The field an error is about: a `required` error points at the missing property. */
function pathOf(error: ErrorObject): string {
  const missing = (error.params as { missingProperty?: unknown }).missingProperty;
  return typeof missing === 'string' ? `${error.instancePath}/${missing}` : error.instancePath;
}

/** One error per unknown field of the object Ajv complained about, each naming the field and the known ones. */
function namingUnknownFields(error: ErrorObject, data: unknown, schema: unknown): ErrorObject[] {
  if (error.keyword !== 'additionalProperties') return [error];
  const value = valueAt(data, error.instancePath);
  const objectSchema = nodeAt(schema, error.schemaPath.split('/').slice(1, -1));
  const known = Object.keys((objectSchema as { properties?: object } | undefined)?.properties ?? {});
  if (value === null || typeof value !== 'object') return [error];
  const unknown = Object.keys(value).filter((key) => !known.includes(key));
  if (unknown.length === 0) return [error];
  const message =
    known.length > 0 ? `is not a known field (known fields: ${known.join(', ')})` : 'is not a known field';
  return unknown.map((key) => ({
    ...error,
    instancePath: `${error.instancePath}/${escapePointer(key)}`,
    params: { additionalProperty: key },
    message,
  }));
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function unescapePointer(segment: string): string {
  return decodeURIComponent(segment).replaceAll('~1', '/').replaceAll('~0', '~');
}

function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const segment of pointer.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[unescapePointer(segment)];
  }
  return value;
}

/** The schema node a schemaPath (`#/properties/a/minLength`, without the leading `#`) leads to. */
function nodeAt(schema: unknown, segments: string[]): unknown {
  let node = schema;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[unescapePointer(segment)];
  }
  return node;
}

/** The innermost `x-problem` annotation on the way to the failed keyword, if it covers that keyword. */
function annotationFor(schema: unknown, error: ErrorObject): ProblemAnnotation | undefined {
  const segments = error.schemaPath.split('/').slice(1);
  let found: ProblemAnnotation | undefined;
  let node = schema;
  for (let index = 0; index <= segments.length; index++) {
    if (node === null || typeof node !== 'object') break;
    const annotation = (node as Record<string, unknown>)[PROBLEM_ANNOTATION];
    if (annotation) found = annotation as ProblemAnnotation;
    const segment = segments[index];
    if (segment === undefined) break;
    node = (node as Record<string, unknown>)[unescapePointer(segment)];
  }
  return found?.keywords.includes(error.keyword) ? found : undefined;
}

/** Keywords whose values are data, not schemas: a walk over a schema's nodes skips them. */
const DATA_KEYWORDS = new Set(['default', 'examples', 'const', 'enum', PROBLEM_ANNOTATION]);

/** Calls `visit` on every schema node of `schema` (itself included), with its JSON-pointer-like path. */
function forEachSchemaNode(
  schema: unknown,
  visit: (node: Record<string, unknown>, types: unknown[], path: string) => void,
  path = '',
): void {
  if (schema === null || typeof schema !== 'object') return;
  const node = schema as Record<string, unknown>;
  visit(node, Array.isArray(node.type) ? node.type : [node.type], path);
  for (const [key, value] of Object.entries(node)) {
    if (DATA_KEYWORDS.has(key)) continue;
    const children: [string, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [`${key}/${index}`, item])
      : [[key, value]];
    for (const [name, child] of children) forEachSchemaNode(child, visit, `${path}/${name}`);
  }
}

/**
 * Every object a body may hold must be closed (`additionalProperties: false`): an unknown field
 * is then refused with a 400 naming it, as the OpenAPI document says, rather than dropped.
 */
export function assertBodyObjectsClosed(schema: unknown, where: string): void {
  forEachSchemaNode(schema, (node, types, path) => {
    if (types.includes('object') && node.additionalProperties !== false) {
      throw new Error(`${where}${path}: a body object needs additionalProperties: false (unknown fields are refused)`);
    }
  });
}

/**
 * Every integer or number a request may carry must say its range: PostgreSQL's integer is 32
 * bits and bigint 64, JavaScript's exact integers 53; an unbounded one reaches the database as
 * 1e308 and answers 500 there while SQLite answers 200.
 */
export function assertNumbersBounded(schema: unknown, where: string): void {
  forEachSchemaNode(schema, (node, types, path) => {
    if (!types.includes('integer') && !types.includes('number')) return;
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
  });
}
