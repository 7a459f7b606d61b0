import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import { Type } from 'typebox';

/** The Fastify instance every feature registers its routes on (TypeBox-typed). */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** The key under which a route's problem codes travel from `problems()` to the OpenAPI document (openapi.ts). */
export const PROBLEM_CODES_KEY = 'x-problem-codes';

/** Problem codes a route answers, by status: `{ 404: ['not-found'], 409: ['email-taken'] }`. */
export type ProblemCodes = Readonly<Partial<Record<number, readonly string[]>>>;

/**
 * Response schemas for the problem answers a route can give, with the `code`s each may carry
 * (documented in OpenAPI). Name the route's own codes here; the ones every route shares
 * (`invalid-request`, `unauthenticated` behind the session cookie, `csrf-token-invalid`, 413,
 * 414, 415, 500, 503…) are added by openapi.ts from the route's method, inputs and security.
 * A bare status (`problems(400, 401)`) declares the status with only those shared codes.
 */
export function problems(...specs: (number | ProblemCodes)[]) {
  const byStatus = new Map<number, string[]>();
  for (const spec of specs) {
    if (typeof spec === 'number') {
      byStatus.set(spec, byStatus.get(spec) ?? []);
      continue;
    }
    for (const [status, codes] of Object.entries(spec)) {
      byStatus.set(Number(status), [...(byStatus.get(Number(status)) ?? []), ...(codes ?? [])]);
    }
  }
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [status, Type.Ref('Problem', { [PROBLEM_CODES_KEY]: codes })]),
  );
}

/** The problem of a route behind requireOwner when a member calls it. */
export const OWNER_ONLY: ProblemCodes = { 403: ['forbidden'] };
