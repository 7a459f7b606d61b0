import { type Static, Type } from 'typebox';
import { CursorQuery, LimitQuery, pageOf } from './paging.ts';
import { DateTimeInput, Id, IsoDateTime, Nullable } from './schema-helpers.ts';

/**
 * API tokens (issue 13): an owner's key for scripts, sent as `Authorization: Bearer skt_…`. A token
 * acts as the owner who made it, as that user is *now* (demoted: member rights; deactivated:
 * refused), and `read` tokens only read. The secret is answered once, at creation; the server keeps
 * its SHA-256 and a prefix to tell tokens apart.
 */

/** Every token starts with this, so secret scanners and logs can recognise one. */
export const API_TOKEN_PREFIX = 'skt_';
/** How many characters of a token lists show (the `skt_` prefix and 6 of the random part). */
export const API_TOKEN_PREFIX_LENGTH = 10;
/** The latest expiry a token may be given, in days from its creation. */
export const API_TOKEN_MAX_LIFETIME_DAYS = 730;

export const API_TOKEN_SCOPES = ['read', 'full'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];
export const ApiTokenScopeSchema = Type.Enum([...API_TOKEN_SCOPES], {
  description:
    'read: only GET (and HEAD) requests, anything else answers 403 token-read-only. full: whatever the owner who ' +
    'made it may do now — except managing API tokens, signing out and the account’s own password and second ' +
    'factors (403 session-required).',
});

export const API_TOKEN_STATUSES = ['active', 'expired', 'revoked'] as const;
export type ApiTokenStatus = (typeof API_TOKEN_STATUSES)[number];

export const ApiTokenSchema = Type.Object(
  {
    id: Id,
    name: Type.String(),
    scope: ApiTokenScopeSchema,
    prefix: Type.String({ description: 'The token’s first characters, to tell it apart (never the whole token).' }),
    status: Type.Enum([...API_TOKEN_STATUSES], { description: 'Derived at read time from revokedAt and expiresAt.' }),
    createdAt: IsoDateTime,
    createdBy: Type.Object(
      { id: Id, name: Type.String(), email: Type.String() },
      { description: 'The owner who made it; the token never does more than this user may do now.' },
    ),
    expiresAt: Nullable(IsoDateTime),
    lastUsedAt: Nullable(
      Type.String({
        format: 'date-time',
        description: 'ISO 8601, UTC. Refreshed at most once a minute, so up to a minute behind.',
      }),
    ),
    lastUsedIp: Nullable(Type.String({ description: 'The client address of that use.' })),
    revokedAt: Nullable(IsoDateTime),
  },
  {
    $id: 'ApiToken',
    examples: [
      {
        id: '5d0c2f7e-31a4-4cf1-9a2b-0f4a7c8e9b10',
        name: 'Nightly seat sync',
        scope: 'read',
        prefix: 'skt_Xf3k9Q',
        status: 'active',
        createdAt: '2024-05-01T09:30:00.000Z',
        createdBy: { id: '0b6f3c1e-6a53-4bfa-9f4e-2d2f8c1a7e10', name: 'Dana Scully', email: 'dana@example.com' },
        expiresAt: '2025-05-01T00:00:00.000Z',
        lastUsedAt: '2024-05-02T03:00:12.000Z',
        lastUsedIp: '203.0.113.7',
        revokedAt: null,
      },
    ],
  },
);
export type ApiToken = Static<typeof ApiTokenSchema>;

export const ApiTokenPage = pageOf(Type.Ref('ApiToken'));
export type ApiTokenPage = Static<typeof ApiTokenPage, { ApiToken: typeof ApiTokenSchema }>;

export const ApiTokensQuery = Type.Object({
  cursor: Type.Optional(CursorQuery),
  limit: LimitQuery,
});
export type ApiTokensQuery = Static<typeof ApiTokensQuery>;

/** 1–100 characters, not only spaces, no control characters at all (tab and line breaks included). */
export const ApiTokenName = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^[^\\u0000-\\u001F\\u007F]*\\S[^\\u0000-\\u001F\\u007F]*$',
  description: 'What the token is for, 1–100 characters on one line.',
  examples: ['Nightly seat sync'],
});

export const CreateApiTokenBody = Type.Object(
  {
    name: ApiTokenName,
    scope: ApiTokenScopeSchema,
    expiresAt: Type.Optional(
      DateTimeInput(
        `When the token stops working: in the future, at most ${API_TOKEN_MAX_LIFETIME_DAYS} days ahead (else 400 invalid-expiry). Without it, the token works until revoked.`,
      ),
    ),
  },
  { additionalProperties: false },
);
export type CreateApiTokenBody = Static<typeof CreateApiTokenBody>;

export const CreatedApiTokenSchema = Type.Object({
  token: Type.String({
    description: 'The secret, shown only in this answer: send it as `Authorization: Bearer <token>`.',
    examples: ['skt_Xf3k9Q2mV0b7yYp1c8ZrLwHqT5nJd4eKa6gU3sBxR0o'],
  }),
  apiToken: Type.Ref('ApiToken'),
});
export type CreatedApiToken = Static<typeof CreatedApiTokenSchema, { ApiToken: typeof ApiTokenSchema }>;
