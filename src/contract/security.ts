import { type Static, Type } from 'typebox';
import { LocationSchema } from './location.ts';
import { CursorQuery, LimitQuery, pageOf } from './paging.ts';
import { RiskEvidenceSchema } from './risk.ts';
import { Id, IsoDateTime, Nullable } from './schema-helpers.ts';

/*
 * Security monitoring (issue 11): the risk flags each sign-in carries with their evidence, the
 * alerts raised from them, the rules an owner sets, and where alerts are sent (owners' e-mail,
 * signed webhooks, the user's "was this you?" mail).
 */

export { EarlierSignInSchema, RISK_FLAGS, type RiskEvidence, RiskEvidenceSchema, type RiskFlag } from './risk.ts';

export const ALERT_TYPES = [
  'brute_force',
  'password_spraying',
  'impossible_travel',
  'new_country',
  'new_device',
  'account_takeover',
  'deactivated_account',
  'reported_by_user',
  /** A floating pool reached 80, 90 or 100 % of its seats (issue 14). */
  'seat_pressure',
  /** The first request of the day turned away for good (the app gave up) on a subscription. */
  'seat_denied',
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];
export const ALERT_SEVERITIES = ['low', 'medium', 'high'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

const PersonRef = Type.Object({ id: Id, name: Type.String(), email: Type.String() });

/** A place an alert's sign-ins came from, with how many. */
export const AlertPlaceSchema = Type.Object({
  latitude: Type.Number(),
  longitude: Type.Number(),
  city: Nullable(Type.String()),
  country: Nullable(Type.String()),
  countryCode: Nullable(Type.String()),
  signIns: Type.Integer({ minimum: 1 }),
  firstAt: IsoDateTime,
  lastAt: IsoDateTime,
});
export type AlertPlace = Static<typeof AlertPlaceSchema>;

export const AlertSchema = Type.Object(
  {
    id: Type.String(),
    type: Type.Enum([...ALERT_TYPES]),
    severity: Type.Enum([...ALERT_SEVERITIES]),
    status: Type.Enum([...ALERT_STATUSES]),
    explanation: Type.String({ description: 'One sentence in plain words: what happened and why it matters.' }),
    user: Nullable(PersonRef),
    ip: Nullable(Type.String({ description: 'The address the alert is about (spraying), or the latest one seen.' })),
    signInCount: Type.Integer({ minimum: 0, description: 'Sign-in attempts linked as evidence.' }),
    firstSeenAt: IsoDateTime,
    lastSeenAt: IsoDateTime,
    createdAt: IsoDateTime,
    acknowledgedAt: Nullable(IsoDateTime),
    acknowledgedBy: Nullable(PersonRef),
    resolvedAt: Nullable(IsoDateTime),
    resolvedBy: Nullable(PersonRef),
    note: Nullable(Type.String()),
  },
  { $id: 'Alert' },
);
export type Alert = Static<typeof AlertSchema>;

export const AlertStatusChangeSchema = Type.Object({
  from: Type.Enum([...ALERT_STATUSES]),
  to: Type.Enum([...ALERT_STATUSES]),
  by: Nullable(PersonRef),
  note: Nullable(Type.String()),
  at: IsoDateTime,
});

/** One alert with its evidence: the sign-ins (newest 100), their places for the map, its history. */
export const AlertDetailSchema = Type.Object({
  alert: Type.Ref('Alert'),
  evidence: Type.Array(RiskEvidenceSchema),
  signIns: Type.Array(Type.Ref('SignIn')),
  places: Type.Array(AlertPlaceSchema),
  history: Type.Array(AlertStatusChangeSchema),
});

export const AlertPage = Type.Object({
  items: Type.Array(Type.Ref('Alert')),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  counts: Type.Object(
    { open: Type.Integer(), acknowledged: Type.Integer(), resolved: Type.Integer() },
    { description: 'Alerts of the organization by status, under the type/severity/user filters.' },
  ),
});

export const AlertsQuery = Type.Object({
  status: Type.Optional(Type.Enum([...ALERT_STATUSES])),
  type: Type.Optional(Type.Enum([...ALERT_TYPES])),
  severity: Type.Optional(Type.Enum([...ALERT_SEVERITIES])),
  user: Type.Optional({ ...Id, description: 'A user’s id: the alerts about that user.' }),
  cursor: Type.Optional(CursorQuery),
  limit: LimitQuery,
});

export const PatchAlertBody = Type.Object(
  {
    status: Type.Enum([...ALERT_STATUSES]),
    note: Type.Optional(Type.String({ maxLength: 2000, description: 'Why; kept in the alert’s history.' })),
  },
  { additionalProperties: false },
);

/* ---------- the organization's rules (GET/PATCH /organization/security) ---------- */

const Int = (minimum: number, maximum: number, description: string) => Type.Integer({ minimum, maximum, description });

export const TrustedNetworkSchema = Type.Object(
  {
    cidr: Type.String({ maxLength: 64, description: 'An address or a CIDR network, e.g. 203.0.113.0/24.' }),
    label: Type.String({ maxLength: 100, description: 'What it is, e.g. "Head office".' }),
  },
  { additionalProperties: false },
);

export const SecuritySettingsSchema = Type.Object(
  {
    learning: Type.Object(
      {
        signIns: Int(0, 50, 'Successful sign-ins a user needs before new-device/country/place flags are raised.'),
        days: Int(0, 90, 'Days since the user’s first successful sign-in before those flags are raised.'),
      },
      { additionalProperties: false },
    ),
    newPlaceRadiusKm: Int(1, 5000, 'A place farther than this from every place the user has used is new.'),
    impossibleTravel: Type.Object(
      {
        speedKmh: Int(100, 5000, 'Travel faster than this between two sign-ins is impossible.'),
        toleranceKm: Int(0, 1000, 'Taken off every distance first: GeoIP places can be this far off.'),
      },
      { additionalProperties: false },
    ),
    takeover: Type.Object(
      {
        failures: Int(2, 1000, 'Failed attempts before a success that make it suspicious.'),
        windowMinutes: Int(1, 1440, 'How far back those failures count.'),
      },
      { additionalProperties: false },
    ),
    bruteForce: Type.Object(
      {
        failures: Int(2, 10000, 'Failed attempts on one account that raise an alert.'),
        windowMinutes: Int(1, 1440, 'Within this many minutes.'),
      },
      { additionalProperties: false },
    ),
    spraying: Type.Object(
      {
        accounts: Int(2, 10000, 'Accounts one address fails on that raise an alert.'),
        windowMinutes: Int(1, 1440, 'Within this many minutes.'),
      },
      { additionalProperties: false },
    ),
    alertOnNewDevice: Type.Boolean({ description: 'Raise a (low) alert for a sign-in from a new device.' }),
    alertOnNewCountryAlone: Type.Boolean({
      description:
        'Raise the new-country alert for every first sign-in from a country. Off: only when the sign-in is also from a new device or a hosting or anonymising network (a trip with one’s own laptop asks the user "was this you?" instead).',
    }),
    trustedNetworks: Type.Array(TrustedNetworkSchema, {
      maxItems: 100,
      description: 'Office networks: sign-ins from them never raise location flags.',
    }),
    signIn: Type.Object(
      {
        requireSecondFactor: Type.Enum(['nobody', 'owners', 'everyone'], {
          description: 'Who must have a second factor (authenticator app or passkey) to sign in.',
        }),
        graceDays: Int(
          0,
          90,
          'Days a user without a second factor may still sign in normally after the requirement starts (or after joining); then they may only enrol.',
        ),
        requiredSince: Nullable({
          ...IsoDateTime,
          description: 'When the requirement last widened; the grace counts from it. Set by the server.',
        }),
        onRisk: Type.Enum(['step_up', 'block', 'allow'], {
          description:
            'A right password whose sign-in is flagged new_country, impossible_travel or failures_before_success: step_up asks the second step (of users who have one), block refuses it, allow lets it through (flags and alerts only).',
        }),
        appPasswordSignIn: Type.Boolean({
          description:
            'Apps may sign in with the user’s password (POST /app/sessions {email, password}). Off: apps sign in through the browser only (device authorization).',
        }),
      },
      { additionalProperties: false },
    ),
    notifications: Type.Object(
      {
        emailOwners: Type.Boolean({ description: 'E-mail the owners about new alerts (needs SMTP_URL).' }),
        minimumSeverity: Type.Enum([...ALERT_SEVERITIES], { description: 'Alerts below it are not mailed.' }),
        digestMinutes: Int(
          1,
          1440,
          'At most one mail to the owners per this many minutes; alerts in between wait for it.',
        ),
        askUsers: Type.Boolean({
          description: 'Mail users "was this you?" after a sign-in from a new country or device.',
        }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type SecuritySettings = Static<typeof SecuritySettingsSchema>;

/** Every key optional; a nested object given replaces that group whole. */
export const PatchSecuritySettingsBody = Type.Partial(
  Type.Object(
    {
      learning: SecuritySettingsSchema.properties.learning,
      newPlaceRadiusKm: SecuritySettingsSchema.properties.newPlaceRadiusKm,
      impossibleTravel: SecuritySettingsSchema.properties.impossibleTravel,
      takeover: SecuritySettingsSchema.properties.takeover,
      bruteForce: SecuritySettingsSchema.properties.bruteForce,
      spraying: SecuritySettingsSchema.properties.spraying,
      alertOnNewDevice: SecuritySettingsSchema.properties.alertOnNewDevice,
      alertOnNewCountryAlone: SecuritySettingsSchema.properties.alertOnNewCountryAlone,
      trustedNetworks: SecuritySettingsSchema.properties.trustedNetworks,
      signIn: Type.Omit(SecuritySettingsSchema.properties.signIn, ['requiredSince'], { additionalProperties: false }),
      notifications: SecuritySettingsSchema.properties.notifications,
    },
    { additionalProperties: false },
  ),
  { additionalProperties: false, minProperties: 1 },
);
export type PatchSecuritySettingsBody = Static<typeof PatchSecuritySettingsBody>;

/* ---------- webhooks (Standard Webhooks) ---------- */

export const WEBHOOK_EVENT_TYPES = ['alert.opened', 'alert.reported_by_user', 'webhook.test'] as const;

export const WebhookSchema = Type.Object(
  {
    id: Type.String(),
    url: Type.String(),
    description: Type.String(),
    enabled: Type.Boolean(),
    createdAt: IsoDateTime,
    secretRotatedAt: Nullable(IsoDateTime),
    lastDelivery: Nullable(Type.Object({ status: Type.Enum(['pending', 'succeeded', 'failed']), at: IsoDateTime })),
  },
  { $id: 'Webhook' },
);
export type Webhook = Static<typeof WebhookSchema>;

const WebhookUrl = Type.String({
  maxLength: 2000,
  description:
    'https:// (or http://) URL. Addresses on loopback, private or link-local networks are refused unless the operator allows them (WEBHOOK_ALLOW_PRIVATE=1), when saved and again at each send.',
});

export const CreateWebhookBody = Type.Object(
  {
    url: WebhookUrl,
    description: Type.Optional(Type.String({ maxLength: 200 })),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const PatchWebhookBody = Type.Object(
  {
    url: Type.Optional(WebhookUrl),
    description: Type.Optional(Type.String({ maxLength: 200 })),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** Answered once, at creation and at rotation: the signing secret (`whsec_…`). */
export const WebhookWithSecretSchema = Type.Object({
  webhook: Type.Ref('Webhook'),
  secret: Type.String({ description: 'Standard Webhooks signing secret; shown only now.' }),
});

export const WebhookDeliverySchema = Type.Object({
  id: Type.String(),
  messageId: Type.String({ description: 'The webhook-id header: the same for every attempt of one message.' }),
  eventType: Type.String(),
  alertId: Nullable(Type.String()),
  status: Type.Enum(['pending', 'succeeded', 'failed']),
  attempts: Type.Integer({ minimum: 0 }),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  createdAt: IsoDateTime,
  lastAttemptAt: Nullable(IsoDateTime),
  nextAttemptAt: Nullable(IsoDateTime),
  deliveredAt: Nullable(IsoDateTime),
});
export type WebhookDelivery = Static<typeof WebhookDeliverySchema>;
export const WebhookDeliveryPage = pageOf(WebhookDeliverySchema);
export const WebhookDeliveriesQuery = Type.Object({ cursor: Type.Optional(CursorQuery), limit: LimitQuery });

/* ---------- "was this you?" ---------- */

/** What the user sees before pressing "This wasn't me" (GET /sign-in-confirmations/{token}). */
export const SignInConfirmationSchema = Type.Object({
  email: Type.String(),
  occurredAt: IsoDateTime,
  location: Nullable(LocationSchema),
  device: Type.String({ description: 'e.g. "Chrome on Windows", or the app and its device.' }),
  ip: Type.String(),
  expiresAt: IsoDateTime,
  used: Type.Boolean(),
});
export type SignInConfirmation = Static<typeof SignInConfirmationSchema>;

export const NotMeResultSchema = Type.Object({
  sessionsEnded: Type.Integer({ minimum: 0, description: 'Console and app sessions ended.' }),
  alertId: Type.String({ description: 'The high-severity alert raised for the owners.' }),
});
export type NotMeResult = Static<typeof NotMeResultSchema>;

export const WebhookListSchema = Type.Object({ items: Type.Array(Type.Ref('Webhook')) });

/** What the server can send (Settings says so when it cannot). */
export const NotificationStatusSchema = Type.Object({
  emailConfigured: Type.Boolean({
    description: 'SMTP_URL is set: owners’ digests and "was this you?" mails are sent.',
  }),
  privateWebhookUrlsAllowed: Type.Boolean({
    description: 'WEBHOOK_ALLOW_PRIVATE=1: loopback and private addresses accepted.',
  }),
});
