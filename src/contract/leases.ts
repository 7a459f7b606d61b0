import { type Static, Type } from 'typebox';
import { LocationSchema } from './location.ts';
import { CursorQuery, LimitQuery, pageOf } from './paging.ts';
import { Id, IsoDateTime, Nullable } from './schema-helpers.ts';

/**
 * Seats in use (issue 14): which device holds which seat of a subscription, online while its app
 * session runs or borrowed for offline use until a date; force-release; offline borrowing with a
 * signed lease file; the public keys that verify those files. docs/floating-seats.md explains them.
 */

export const LEASE_STATES = ['online', 'borrowed'] as const;

export const LeaseSchema = Type.Object({
  id: Type.String(),
  subscriptionId: Id,
  state: Type.Enum([...LEASE_STATES], {
    description: 'online: an app session renews it with its heartbeats. borrowed: checked out until borrowedUntil.',
  }),
  user: Type.Object({ id: Id, email: Type.String(), name: Type.String() }),
  device: Type.Object({
    id: Nullable(Type.String()),
    name: Nullable(Type.String()),
    os: Nullable(Type.String()),
    osVersion: Nullable(Type.String()),
  }),
  appVersion: Nullable(Type.String()),
  ip: Nullable(Type.String({ description: 'Where the session that took or last used the lease came from.' })),
  location: Nullable(LocationSchema),
  takenAt: IsoDateTime,
  lastHeartbeatAt: Nullable(IsoDateTime),
  /** When an online lease is released unless a heartbeat comes first. */
  expiresAt: Nullable(IsoDateTime),
  borrowedUntil: Nullable(IsoDateTime),
});
export type Lease = Static<typeof LeaseSchema>;

export const LeasePage = pageOf(LeaseSchema);
export type LeasePage = Static<typeof LeasePage>;

export const LeaseListQuery = Type.Object({
  state: Type.Optional(Type.Enum([...LEASE_STATES])),
  cursor: Type.Optional(CursorQuery),
  limit: Type.Optional(LimitQuery),
});
export type LeaseListQuery = Static<typeof LeaseListQuery>;

export const LeaseParams = Type.Object({ id: Id, leaseId: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }) });
export type LeaseParams = Static<typeof LeaseParams>;

export const ForceReleaseBody = Type.Object(
  {
    reason: Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'Shown to the app at its next heartbeat (403 lease-released) and kept in the audit log.',
    }),
  },
  { additionalProperties: false },
);
export type ForceReleaseBody = Static<typeof ForceReleaseBody>;

export const BorrowBody = Type.Object(
  {
    days: Type.Integer({
      minimum: 1,
      maximum: 365,
      description: 'Whole days to keep the seat offline; at most the subscription’s maxBorrowDays.',
    }),
  },
  { additionalProperties: false },
);
export type BorrowBody = Static<typeof BorrowBody>;

export const BorrowResultSchema = Type.Object({
  leaseId: Type.String(),
  leaseFile: Type.String({
    description:
      'A compact JWS (EdDSA, Ed25519) of the lease: verify it offline with the keys at /api/v1/license-keys. ' +
      'Also the bearer token of POST /app/borrowings/current/return.',
  }),
  expiresAt: IsoDateTime,
  keysUrl: Type.String({ description: 'Where the public keys that verify the file are published (JWKS).' }),
});
export type BorrowResult = Static<typeof BorrowResultSchema>;

/** The claims of a lease file (the JWS payload). */
export const LeaseFileClaimsSchema = Type.Object({
  iss: Type.String({ description: 'The server’s PUBLIC_URL.' }),
  sub: Id,
  jti: Type.String({ description: 'The lease id.' }),
  iat: Type.Integer(),
  exp: Type.Integer({ description: 'Seconds since the epoch: the end of the borrowing.' }),
  org: Id,
  email: Type.String(),
  product: Type.Object({ key: Type.String(), name: Type.String() }),
  subscriptionId: Id,
  device: Type.Object({ id: Nullable(Type.String()), name: Nullable(Type.String()) }),
  seats: Type.Integer({ description: 'Seats the lease holds: 1.' }),
});
export type LeaseFileClaims = Static<typeof LeaseFileClaimsSchema>;

export const BorrowingSchema = Type.Object({
  leaseId: Type.String(),
  state: Type.Enum(['borrowed', 'returned', 'released', 'expired']),
  borrowedUntil: IsoDateTime,
  releasedAt: Nullable(IsoDateTime),
  releaseNote: Nullable(Type.String()),
});
export type Borrowing = Static<typeof BorrowingSchema>;

/** A JSON Web Key Set (RFC 7517) of Ed25519 public keys. */
export const LicenseKeySetSchema = Type.Object({
  keys: Type.Array(
    Type.Object({
      kty: Type.Literal('OKP'),
      crv: Type.Literal('Ed25519'),
      x: Type.String(),
      kid: Type.String(),
      alg: Type.Literal('EdDSA'),
      use: Type.Literal('sig'),
    }),
  ),
});
export type LicenseKeySet = Static<typeof LicenseKeySetSchema>;

export const LicenseKeysQuery = Type.Object({
  orgId: Type.Optional(Id),
});
export type LicenseKeysQuery = Static<typeof LicenseKeysQuery>;
