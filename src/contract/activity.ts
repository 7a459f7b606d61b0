import { type Static, Type } from 'typebox';
import { LocationSchema } from './location.ts';
import { CursorQuery, LimitQuery, pageOf } from './paging.ts';
import { RiskEvidenceSchema } from './risk.ts';
import { DateTimeInput, Id, IsoDateTime, Nullable, TimeZoneInput } from './schema-helpers.ts';

export const DEVICE_TYPES = ['desktop', 'mobile', 'tablet', 'bot', 'other'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export const FAILURE_REASONS = [
  'invalid_password',
  'unknown_account',
  'deactivated',
  'invitation_pending',
  'throttled',
  'no_license',
  'wrong_current_password',
] as const;
export const FailureReasonSchema = Type.Enum([...FAILURE_REASONS]);

export { LocationSchema } from './location.ts';

/** The device, parsed from the User-Agent (browsers) or as the app reports it. */
export const DeviceSchema = Type.Object({
  type: Type.Enum([...DEVICE_TYPES]),
  os: Nullable(Type.String()),
  osVersion: Nullable(Type.String()),
  browser: Nullable(Type.String()),
  browserVersion: Nullable(Type.String()),
  app: Nullable(Type.String()),
  appVersion: Nullable(Type.String()),
  deviceId: Nullable(Type.String()),
  name: Nullable(Type.String({ description: 'The device name an app reports' })),
});

export const ActivityItemSchema = Type.Object(
  {
    id: Type.String(),
    type: Type.Enum(['login', 'app_session'], {
      description: 'login: a sign-in attempt (console or app); app_session: a period of app use.',
    }),
    occurredAt: IsoDateTime,
    outcome: Type.Enum(['success', 'failure']),
    failureReason: Nullable(FailureReasonSchema),
    client: Type.Enum(['console', 'app']),
    ip: Type.String(),
    location: Nullable(LocationSchema),
    device: DeviceSchema,
    userAgent: Nullable(Type.String()),
    risk: Type.Array(Type.String(), { description: 'Risk flags, e.g. new_country; empty when none.' }),
    riskDetails: Type.Array(RiskEvidenceSchema, { description: 'Each flag of `risk` with its evidence.' }),
    session: Nullable(
      Type.Object(
        {
          startedAt: IsoDateTime,
          lastHeartbeatAt: IsoDateTime,
          endedAt: Nullable(IsoDateTime),
          endReason: Nullable(Type.Enum(['signed_out', 'timed_out', 'deactivated', 'seat_removed', 'expired'])),
          durationSeconds: Type.Integer({ description: 'Start to end (or to now while active)' }),
          active: Type.Boolean(),
        },
        { description: 'Only for app_session items.' },
      ),
    ),
  },
  { $id: 'ActivityItem' },
);
export type ActivityItem = Static<typeof ActivityItemSchema>;
export type ActivityType = ActivityItem['type'];
export type ActivityOutcome = ActivityItem['outcome'];
export type FailureReason = NonNullable<ActivityItem['failureReason']>;
export type ActivityLocation = NonNullable<ActivityItem['location']>;
export type ActivityDevice = ActivityItem['device'];
/** The app session of an `app_session` item. */
export type ActivitySession = NonNullable<ActivityItem['session']>;
export type SessionEndReason = NonNullable<ActivitySession['endReason']>;

export const ActivityPage = pageOf(Type.Ref('ActivityItem'));
export type ActivityPage = Static<typeof ActivityPage, { ActivityItem: typeof ActivityItemSchema }>;

export const ActivityQuery = Type.Object({
  from: Type.Optional(DateTimeInput('Inclusive lower bound.')),
  to: Type.Optional(DateTimeInput('Exclusive upper bound.')),
  type: Type.Optional(Type.Enum(['login', 'app_session'])),
  outcome: Type.Optional(Type.Enum(['success', 'failure'])),
  deviceType: Type.Optional(Type.Enum([...DEVICE_TYPES])),
  country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 code.' })),
  app: Type.Optional(Type.String({ maxLength: 100, description: 'App key.' })),
  cursor: Type.Optional(CursorQuery),
  limit: LimitQuery,
  format: Type.Enum(['json', 'csv'], {
    default: 'json',
    description: 'csv: every matching row (not one page) as a text/csv attachment; cursor and limit are ignored.',
  }),
  tz: Type.Optional(TimeZoneInput('Adds a local-time column in this zone to the CSV.')),
});
export type ActivityQuery = Static<typeof ActivityQuery>;

export const UserIdParams = Type.Object({ id: Id });
export type UserIdParams = Static<typeof UserIdParams>;
