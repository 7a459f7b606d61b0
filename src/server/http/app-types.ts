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

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (problem+json)',
  401: 'Not signed in, or wrong credentials',
  403: 'Not allowed',
  404: 'Not found (also for ids of another organization)',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  429: 'Too many attempts; see Retry-After',
};

/** Response schemas for the problem answers a route can give (documented in OpenAPI). */
export function problems(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [status, Type.Ref('Problem', { description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem' })]),
  );
}
