import { type Static, Type } from 'typebox';
import { DEVICE_TYPES, DeviceSchema, FailureReasonSchema, LocationSchema, SignInProofFields } from './activity.ts';
import { CursorQuery, LimitQuery, pageOf } from './paging.ts';
import { RiskEvidenceSchema } from './risk.ts';
import { DateTimeInput, Id, IsoDateTime, Nullable, TimeZoneInput } from './schema-helpers.ts';

/**
 * The organization-wide sign-in log (owners): every attempt of every user of the organization,
 * console and app, newest first — the list Microsoft Entra's sign-in log is to its owners.
 */
export const SignInSchema = Type.Object(
  {
    id: Type.String(),
    occurredAt: IsoDateTime,
    outcome: Type.Enum(['success', 'failure']),
    failureReason: Nullable(FailureReasonSchema),
    client: Type.Enum(['console', 'app']),
    ...SignInProofFields,
    /** The email as typed (normalised); the account's when the attempt matched one. */
    email: Type.String({ description: 'The email as typed, normalised.' }),
    user: Nullable(
      Type.Object(
        { id: Id, name: Type.String(), email: Type.String(), status: Type.Enum(['active', 'deactivated']) },
        { description: 'The account the attempt was for; null when the email matched none.' },
      ),
    ),
    ip: Type.String(),
    location: Nullable(LocationSchema),
    device: DeviceSchema,
    userAgent: Nullable(Type.String()),
    risk: Type.Array(Type.String(), { description: 'Risk flags, e.g. new_country; empty when none.' }),
    riskDetails: Type.Array(RiskEvidenceSchema, { description: 'Each flag of `risk` with its evidence.' }),
  },
  { $id: 'SignIn' },
);
export type SignIn = Static<typeof SignInSchema>;

export const SignInPage = pageOf(Type.Ref('SignIn'));
export type SignInPage = Static<typeof SignInPage, { SignIn: typeof SignInSchema }>;

export const SignInsQuery = Type.Object({
  user: Type.Optional({ ...Id, description: 'A user’s id: that user’s attempts.' }),
  ip: Type.Optional(
    Type.String({
      maxLength: 64,
      description:
        'An IPv4 or IPv6 address, or a network in CIDR notation (203.0.113.0/24, 2001:db8::/32; host bits after ' +
        'the prefix are ignored). Text that is neither answers 400 `invalid-ip-filter`.',
    }),
  ),
  app: Type.Optional(Type.String({ maxLength: 100, description: 'App key; `console` for the web console.' })),
  outcome: Type.Optional(Type.Enum(['success', 'failure'])),
  failureReason: Type.Optional(FailureReasonSchema),
  country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 code.' })),
  deviceType: Type.Optional(Type.Enum([...DEVICE_TYPES])),
  from: Type.Optional(DateTimeInput('Inclusive lower bound.')),
  to: Type.Optional(DateTimeInput('Exclusive upper bound.')),
  cursor: Type.Optional(CursorQuery),
  limit: LimitQuery,
  format: Type.Enum(['json', 'csv'], {
    default: 'json',
    description: 'csv: every matching row (not one page) as a text/csv attachment; cursor and limit are ignored.',
  }),
  tz: Type.Optional(TimeZoneInput('Adds a local-time column in this zone to the CSV.')),
});
export type SignInsQuery = Static<typeof SignInsQuery>;

/**
 * A sign-in's id is a decimal number, but the path takes any id-like text, as the other `{id}`
 * paths do: an id that names no sign-in of the caller's organization, however it is spelled,
 * answers 404, like another organization's.
 */
export const SignInIdParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, description: 'The sign-in’s id (`id` of a SignIn).' }),
});
export type SignInIdParams = Static<typeof SignInIdParams>;

/** One attempt with what an owner needs to judge it. */
export const SignInDetailSchema = Type.Object(
  {
    signIn: Type.Ref('SignIn'),
    /** The app session this sign-in started (app sign-ins that succeeded); null otherwise. */
    appSession: Nullable(
      Type.Object({
        id: Type.String(),
        app: Type.String(),
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
        durationSeconds: Type.Integer(),
        active: Type.Boolean(),
      }),
    ),
    /**
     * The same user's sign-in before this one (any outcome), and how far and long ago it was. An anyOf, not
     * Nullable: Nullable's `type: [object, null]` is typed without the `SignIn` reference inside it.
     */
    previous: Type.Union([
      Type.Object({
        signIn: Type.Ref('SignIn'),
        distanceKm: Nullable(Type.Number({ description: 'Great-circle distance; null when either place is unknown.' })),
        elapsedSeconds: Type.Integer({ minimum: 0 }),
        speedKmh: Nullable(Type.Number({ description: 'distanceKm over the elapsed time; null when unknown.' })),
      }),
      Type.Null(),
    ]),
    /** Attempts in the organization from the same address (all time), for the "everything from here" link. */
    sameAddressCount: Type.Integer({ minimum: 1 }),
  },
  { $id: 'SignInDetail' },
);
export type SignInDetail = Static<typeof SignInDetailSchema, { SignIn: typeof SignInSchema }>;

/** The places a user has signed in from (successful sign-ins with a known position), for the user's map. */
export const UserPlacesSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      countryCode: Nullable(Type.String()),
      country: Nullable(Type.String()),
      region: Nullable(Type.String()),
      city: Nullable(Type.String()),
      latitude: Type.Number(),
      longitude: Type.Number(),
      count: Type.Integer({ minimum: 1 }),
      lastAt: IsoDateTime,
    }),
  ),
});
export type UserPlaces = Static<typeof UserPlacesSchema>;
