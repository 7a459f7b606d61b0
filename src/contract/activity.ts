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
  /** A wrong, expired or replayed code or passkey at the second step (POST /auth/login/verify). */
  'invalid_second_factor',
  /** The right password, refused for its risk flags: the organization blocks instead of asking more. */
  'blocked_by_risk',
  /** A password for an account whose organization signs in through its identity provider only. */
  'sso_required',
  /** An app's password sign-in where the organization (or the user's second factor) wants the browser. */
  'browser_sign_in_required',
  /** The right password, but every seat of the floating pool was leased (issue 14). */
  'pool_full',
  /** The right password, but the user's named seat already runs on as many devices as it may. */
  'device_limit',
] as const;
export const FailureReasonSchema = Type.Enum([...FAILURE_REASONS]);

/** How a sign-in was proven (issue 12). */
export const SIGN_IN_METHODS = ['password', 'sso', 'device_authorization', 'password_reset'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];
/** The second factor a sign-in used. */
export const SECOND_FACTORS = ['totp', 'passkey', 'recovery_code'] as const;
export type SecondFactor = (typeof SECOND_FACTORS)[number];
/** Why the second step was asked: the user has a factor; the organization requires one; the risk flags. */
export const STEP_REASONS = ['enrolled', 'required', 'risk'] as const;
export type StepReason = (typeof STEP_REASONS)[number];

/** How an attempt was proven and its second step: the Activity tab's and the sign-in log's columns. */
export const SignInProofFields = {
  method: Type.Enum([...SIGN_IN_METHODS], {
    description:
      'How the sign-in was proven: password; sso (the organization’s identity provider); device_authorization (an app approved in the browser); password_reset (a reset link used). On an app_session item, its sign-in’s.',
  }),
  secondFactor: Nullable(Type.Enum([...SECOND_FACTORS], { description: 'The second factor used, if one was asked.' })),
  stepReason: Nullable(
    Type.Enum([...STEP_REASONS], {
      description:
        'Why the second step was asked: enrolled (the user has a factor), required (the organization), risk (the flags).',
    }),
  ),
};

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
    ...SignInProofFields,
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
          endReason: Nullable(
            Type.Enum([
              'signed_out',
              'timed_out',
              'deactivated',
              'seat_removed',
              'expired',
              'ended_by_owner',
              'ended_by_user',
            ]),
          ),
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
