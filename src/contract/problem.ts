import { type Static, Type } from 'typebox';

/** Every error answer: `application/problem+json` (RFC 9457), rendered by src/server/http/errors.ts. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'Stable URI reference naming the kind of problem, e.g. /problems/not-found' }),
    title: Type.String({ description: 'Short, human-readable summary of the kind of problem.' }),
    status: Type.Integer({ description: 'The HTTP status code of the answer.' }),
    code: Type.String({ description: 'Stable machine-readable code, the last segment of `type`.' }),
    detail: Type.Optional(Type.String({ description: 'What went wrong this time, for a person.' })),
    requestId: Type.Optional(
      Type.String({
        description: 'On 5xx answers: the request id (also in X-Request-Id and the server log) to quote.',
      }),
    ),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          path: Type.String({
            description: 'Where: body, querystring or params, then a JSON pointer, e.g. body/email',
          }),
          message: Type.String(),
        }),
        { description: 'For invalid input: one entry per field at fault.' },
      ),
    ),
  },
  {
    $id: 'Problem',
    title: 'Problem (RFC 9457)',
    examples: [
      {
        type: '/problems/invalid-request',
        title: 'The request is not valid',
        status: 400,
        code: 'invalid-request',
        detail: 'body/bogus: is not a known field (known fields: name, role)',
        errors: [{ path: 'body/bogus', message: 'is not a known field (known fields: name, role)' }],
      },
    ],
  },
);
export type Problem = Static<typeof ProblemSchema>;
