import { type Static, Type } from 'typebox';
import { IsoDateTime, Nullable } from './schema-helpers.ts';

/**
 * Personal data (issue 13): everything the server holds about one user, as one JSON document
 * (`GET /users/{id}/export`), and the erasure of a deactivated user (`POST /users/{id}/erase`).
 * The export never carries a secret: no password or token hash, no authenticator secret, no
 * passkey public key, no session or reset token (docs/privacy.md).
 */

const Place = Type.Object({
  countryCode: Nullable(Type.String()),
  country: Nullable(Type.String()),
  region: Nullable(Type.String()),
  city: Nullable(Type.String()),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
});

export const ExportedSeatSchema = Type.Object({
  subscriptionId: Type.String(),
  product: Type.String({ description: 'The product’s name.' }),
  assignedAt: IsoDateTime,
  unassignedAt: Nullable(IsoDateTime),
  unassignReason: Nullable(Type.String()),
  lastUsedAt: Nullable(IsoDateTime),
});

export const ExportedSignInSchema = Type.Object({
  id: Type.String(),
  occurredAt: IsoDateTime,
  outcome: Type.String(),
  failureReason: Nullable(Type.String()),
  client: Type.String(),
  method: Type.String(),
  secondFactor: Nullable(Type.String()),
  app: Nullable(Type.String()),
  appVersion: Nullable(Type.String()),
  ip: Type.String(),
  location: Place,
  network: Type.Object({ asn: Nullable(Type.Number()), organization: Nullable(Type.String()) }),
  device: Type.Object({
    type: Type.String(),
    os: Nullable(Type.String()),
    osVersion: Nullable(Type.String()),
    browser: Nullable(Type.String()),
    browserVersion: Nullable(Type.String()),
    id: Nullable(Type.String()),
    name: Nullable(Type.String()),
  }),
  userAgent: Nullable(Type.String()),
  risk: Type.Array(Type.String()),
  riskDetails: Type.Array(Type.Unknown()),
});

export const ExportedAppSessionSchema = Type.Object({
  id: Type.String(),
  app: Type.String(),
  appVersion: Nullable(Type.String()),
  startedAt: IsoDateTime,
  lastHeartbeatAt: IsoDateTime,
  endedAt: Nullable(IsoDateTime),
  endReason: Nullable(Type.String()),
  method: Type.String(),
  ip: Type.String(),
  location: Place,
  device: Type.Object({
    type: Type.String(),
    os: Nullable(Type.String()),
    osVersion: Nullable(Type.String()),
    id: Nullable(Type.String()),
    name: Nullable(Type.String()),
  }),
});

export const ExportedSeatLeaseSchema = Type.Object({
  id: Type.String(),
  subscriptionId: Type.String(),
  product: Type.String({ description: 'The product’s name.' }),
  appSessionId: Nullable(Type.String({ description: 'The app session that held it last.' })),
  device: Type.Object({ id: Nullable(Type.String()), name: Nullable(Type.String()) }),
  takenAt: IsoDateTime,
  borrowedAt: Nullable(IsoDateTime),
  borrowedUntil: Nullable(IsoDateTime),
  releasedAt: Nullable(IsoDateTime),
  releaseReason: Nullable(Type.String()),
  releasedBy: Nullable(Type.String({ description: 'The user id of the owner who released it, if one did.' })),
  releaseNote: Nullable(Type.String()),
});

export const ExportedSeatDenialSchema = Type.Object({
  id: Type.String(),
  app: Type.String({ description: 'The product’s key.' }),
  subscriptionId: Nullable(Type.String()),
  device: Type.Object({ id: Nullable(Type.String()), name: Nullable(Type.String()) }),
  reason: Type.String(),
  deniedAt: IsoDateTime,
  outcome: Type.String(),
  resolvedAt: Nullable(IsoDateTime),
});

export const ExportedAlertSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  severity: Type.String(),
  status: Type.String(),
  summary: Type.String(),
  ip: Nullable(Type.String()),
  details: Type.Unknown({ description: 'The alert’s evidence (counts, places, distance, speed).' }),
  firstSeenAt: IsoDateTime,
  lastSeenAt: IsoDateTime,
  note: Nullable(Type.String()),
  statusChanges: Type.Array(
    Type.Object({
      from: Type.String(),
      to: Type.String(),
      changedAt: IsoDateTime,
      byUserId: Nullable(Type.String()),
      note: Nullable(Type.String()),
    }),
  ),
});

export const ExportedAuditEntrySchema = Type.Object({
  id: Type.String(),
  occurredAt: IsoDateTime,
  as: Type.Enum(['actor', 'target', 'actor_and_target'], { description: 'How the user figures in the entry.' }),
  action: Type.String(),
  actor: Type.Object({ type: Type.String(), id: Nullable(Type.String()), label: Nullable(Type.String()) }),
  target: Type.Object({ type: Type.String(), id: Nullable(Type.String()), label: Nullable(Type.String()) }),
  before: Type.Unknown(),
  after: Type.Unknown(),
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
});

export const ExportedSecondFactorSchema = Type.Object({
  kind: Type.Enum(['totp', 'passkey', 'recovery_code']),
  name: Nullable(Type.String({ description: 'A passkey’s name.' })),
  createdAt: IsoDateTime,
  confirmedAt: Nullable(IsoDateTime),
  lastUsedAt: Nullable(IsoDateTime),
});

/** The whole document: the user's row, then one list per kind of record, oldest first. */
export const UserDataExportSchema = Type.Object(
  {
    exportedAt: IsoDateTime,
    profile: Type.Object({
      id: Type.String(),
      email: Type.String(),
      name: Type.String(),
      role: Type.String(),
      status: Type.String(),
      createdAt: IsoDateTime,
      updatedAt: IsoDateTime,
      lastLoginAt: Nullable(IsoDateTime),
      lastAppUseAt: Nullable(IsoDateTime),
      deactivatedAt: Nullable(IsoDateTime),
      deactivationReason: Nullable(Type.String()),
      deactivationNote: Nullable(Type.String()),
      erasedAt: Nullable(IsoDateTime),
      invitationAccepted: Type.Boolean(),
    }),
    seats: Type.Array(ExportedSeatSchema, { description: 'Held and past seats.' }),
    invitations: Type.Array(
      Type.Object({ createdAt: IsoDateTime, expiresAt: IsoDateTime, acceptedAt: Nullable(IsoDateTime) }),
    ),
    signInAttempts: Type.Array(ExportedSignInSchema),
    appSessions: Type.Array(ExportedAppSessionSchema),
    seatLeases: Type.Array(ExportedSeatLeaseSchema, {
      description: 'Seats the user’s devices held, live or released.',
    }),
    seatDenials: Type.Array(ExportedSeatDenialSchema, { description: 'Seat requests refused to the user.' }),
    consoleSessions: Type.Array(
      Type.Object({
        createdAt: IsoDateTime,
        expiresAt: IsoDateTime,
        lastSeenAt: IsoDateTime,
        signInAttemptId: Nullable(Type.String()),
      }),
    ),
    alerts: Type.Array(ExportedAlertSchema, { description: 'Alerts raised on the user or on their sign-ins.' }),
    auditLog: Type.Array(ExportedAuditEntrySchema, { description: 'Entries where the user acted or was acted on.' }),
    secondFactors: Type.Array(ExportedSecondFactorSchema),
    apiTokens: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        scope: Type.String(),
        createdAt: IsoDateTime,
        expiresAt: Nullable(IsoDateTime),
        lastUsedAt: Nullable(IsoDateTime),
        revokedAt: Nullable(IsoDateTime),
      }),
    ),
    passwordResets: Type.Array(
      Type.Object({
        requestedAt: IsoDateTime,
        expiresAt: IsoDateTime,
        usedAt: Nullable(IsoDateTime),
        issuedBy: Type.String(),
      }),
    ),
    emails: Type.Array(
      Type.Object({
        kind: Type.String(),
        subject: Type.String(),
        createdAt: IsoDateTime,
        sentAt: Nullable(IsoDateTime),
      }),
    ),
  },
  {
    description:
      'Everything about one user, as an attachment (user-<id>-<date>.json). Secrets are never part of it: no ' +
      'password or token hashes, authenticator secrets, passkey keys or tokens.',
  },
);
export type UserDataExport = Static<typeof UserDataExportSchema>;

export const ErasedUserSchema = Type.Object({
  user: Type.Ref('User'),
  erasedAt: IsoDateTime,
});
