import { type Static, Type } from 'typebox';
import { IsoDateTime, Nullable } from './schema-helpers.ts';

/** Bounds of the retention settings, in days (inclusive). The console shows the same. */
export const RETENTION_BOUNDS = {
  rawEventsDays: { minimum: 1, maximum: 3650 },
  auditLogDays: { minimum: 30, maximum: 3650 },
  afterDays: { minimum: 1, maximum: 3650 },
} as const;

export const IP_ANONYMISATION_MODES = ['never', 'always', 'after'] as const;
export type IpAnonymisationMode = (typeof IP_ANONYMISATION_MODES)[number];

const RawEventsDays = Type.Integer({
  ...RETENTION_BOUNDS.rawEventsDays,
  description:
    'Days a raw event (a sign-in attempt, an ended app session) is kept; older ones are deleted. ' +
    'The reports’ aggregates are kept, so reports over older periods still answer.',
});
const AuditLogDays = Type.Integer({
  ...RETENTION_BOUNDS.auditLogDays,
  description: 'Days an audit-log entry is kept.',
});
const IpAnonymisation = Type.Object(
  {
    mode: Type.Enum([...IP_ANONYMISATION_MODES], {
      description:
        'never: addresses are kept whole; always: stored cut from the start; after: cut once older than afterDays. ' +
        'Cut means the /24 of an IPv4 address and the /48 of an IPv6 one.',
    }),
    afterDays: Type.Integer({
      ...RETENTION_BOUNDS.afterDays,
      description: 'With mode after: the age in days past which addresses are cut (kept when another mode is chosen).',
    }),
  },
  { additionalProperties: false },
);

/** What the last run of the retention job did (every organization together). */
export const LastPurge = Type.Object(
  {
    finishedAt: IsoDateTime,
    deleted: Type.Integer({ minimum: 0, description: 'Rows deleted past retention in this organization.' }),
    anonymised: Type.Integer({
      minimum: 0,
      description: 'Rows whose addresses were cut, and seat denials whose device was cleared, in this organization.',
    }),
  },
  { additionalProperties: false },
);

export const PrivacySettingsSchema = Type.Object(
  {
    rawEventsDays: RawEventsDays,
    auditLogDays: AuditLogDays,
    ipAnonymisation: IpAnonymisation,
    lastPurge: Nullable({ ...LastPurge, description: 'The last run of the retention job; null before the first.' }),
    nextPurgeAt: {
      ...IsoDateTime,
      description:
        'The next scheduled run: every hour at minute 17 (UTC), by whichever server process takes the lease.',
    },
  },
  { additionalProperties: false },
);
export type PrivacySettings = Static<typeof PrivacySettingsSchema>;

export const PatchPrivacySettingsBody = Type.Object(
  {
    rawEventsDays: Type.Optional(RawEventsDays),
    auditLogDays: Type.Optional(AuditLogDays),
    ipAnonymisation: Type.Optional(IpAnonymisation),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PatchPrivacySettingsBody = Static<typeof PatchPrivacySettingsBody>;
