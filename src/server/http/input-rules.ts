import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../lib/app-error.ts';

/**
 * Control characters no field of the API may hold: C0 controls except tab, line feed and
 * carriage return (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F) and DEL (U+007F).
 * PostgreSQL cannot store U+0000 in text at all (SQLite can), and none of the others has a
 * legitimate use in a name, an email, an id or a filter.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this rule's job
export const FORBIDDEN_CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Deeper than any body the API takes; past it a value is refused rather than walked. */
const MAX_DEPTH = 32;

/**
 * preValidation hook, for every route: a string (or an object key) holding a forbidden
 * control character anywhere in the body, the query string or the path parameters is a
 * 400 `invalid-request` naming the field, before any route code runs, on both databases.
 */
export async function refuseControlCharacters(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const errors: FieldError[] = [];
  findControlCharacters(request.params, 'params', errors, 0);
  findControlCharacters(request.query, 'querystring', errors, 0);
  findControlCharacters(request.body, 'body', errors, 0);
  if (errors.length > 0) {
    throw new AppError(
      400,
      'invalid-request',
      'The request is not valid',
      errors.map((error) => `${error.path}: ${error.message}`).join('; '),
      { errors },
    );
  }
}

const MESSAGE = 'must not contain control characters (U+0000–U+001F other than tab, LF and CR, or U+007F)';

function findControlCharacters(value: unknown, path: string, errors: FieldError[], depth: number): void {
  if (errors.length >= 10) return;
  if (typeof value === 'string') {
    if (FORBIDDEN_CONTROL_CHARACTERS.test(value)) errors.push({ path, message: MESSAGE });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth > MAX_DEPTH) {
    errors.push({ path, message: 'is nested too deeply' });
    return;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) findControlCharacters(item, `${path}/${index}`, errors, depth + 1);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (FORBIDDEN_CONTROL_CHARACTERS.test(key)) {
      errors.push({ path: `${path}/${JSON.stringify(key).slice(1, -1)}`, message: `key ${MESSAGE}` });
      continue;
    }
    findControlCharacters(item, `${path}/${key}`, errors, depth + 1);
  }
}
