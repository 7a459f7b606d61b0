import { type Static, Type } from 'typebox';
import { DeviceSchema } from './activity.ts';
import { LocationSchema } from './location.ts';
import { Id, IsoDateTime, Nullable } from './schema-helpers.ts';

/** console: a browser signed in to the console; app: a vendor app's session (heartbeats). */
export const SESSION_KINDS = ['console', 'app'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/**
 * A session's public id: `c_` and 22 base64url characters for a console session (derived from the
 * stored hash of its cookie, which itself is never shown), `a_` and the number of an app session.
 * In a path any id-like string is taken: one of no session answers 404, like an unknown one.
 */
export const SessionId = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'A session’s id from the sessions list (c_… console, a_… app).',
  examples: ['c_q2xZ0d9vUeJ1mB6t7yKp3w', 'a_1042'],
});

export const UserSessionSchema = Type.Object({
  id: Type.String({ description: 'c_ and 22 base64url characters (console), a_ and a number (app).' }),
  kind: Type.Enum([...SESSION_KINDS]),
  current: Type.Boolean({ description: 'The console session making this request (“this browser”).' }),
  device: DeviceSchema,
  ip: Nullable(Type.String({ description: 'Null for a console session opened before sessions recorded it.' })),
  location: LocationSchema,
  startedAt: IsoDateTime,
  lastSeenAt: IsoDateTime,
  expiresAt: IsoDateTime,
  endsBy: Type.Enum(['idle', 'max_age', 'heartbeat'], {
    description:
      'What ends it at expiresAt unless something happens first: idle (a console session with no request for ' +
      '12 hours), max_age (7 days after its sign-in), heartbeat (an app session without a heartbeat for 3 intervals).',
  }),
  app: Nullable(
    Type.Object({ key: Type.String(), version: Nullable(Type.String()) }, { description: 'App sessions: which app.' }),
  ),
});
export type UserSession = Static<typeof UserSessionSchema>;

export const UserSessionList = Type.Object({
  items: Type.Array(UserSessionSchema, {
    description: 'Live sessions, most recently seen first (at most 500 of each kind).',
  }),
});
export type UserSessionList = Static<typeof UserSessionList>;

export const UserSessionParams = Type.Object({ id: Id, sessionId: SessionId });
export type UserSessionParams = Static<typeof UserSessionParams>;
export const OwnSessionParams = Type.Object({ sessionId: SessionId });
export type OwnSessionParams = Static<typeof OwnSessionParams>;

export const EndedSessions = Type.Object({
  ended: Type.Integer({ minimum: 0, description: 'How many sessions this call ended (console and app).' }),
  kinds: Type.Object({ console: Type.Integer({ minimum: 0 }), app: Type.Integer({ minimum: 0 }) }),
});
export type EndedSessions = Static<typeof EndedSessions>;
