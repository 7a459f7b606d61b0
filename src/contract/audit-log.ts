import { type Static, Type } from 'typebox';
import { CursorQuery, LimitQuery, pageOf } from './paging.ts';
import { DateTimeInput, Id, IsoDateTime, Nullable, TimeZoneInput } from './schema-helpers.ts';

/**
 * The audit log (issue 13): every owner, operator and job action on the organization — who, what,
 * on what, before and after, when and from where. Written in the same transaction as the change.
 * The keys are stable (API filters, CSV); the labels are what the console shows.
 */
export const AUDIT_ACTIONS = {
  'user.created': 'User added',
  'user.imported': 'Users imported from CSV',
  'user.changed': 'User changed',
  'user.deactivated': 'User deactivated',
  'user.reactivated': 'User reactivated',
  'user.invitation_reissued': 'Invitation sent again',
  'user.second_factors_reset': 'Two-step verification reset',
  'user.data_exported': 'Personal data exported',
  'user.erased': 'Personal data erased',
  'seat.assigned': 'Seat assigned',
  'seat.unassigned': 'Seat unassigned',
  'seat.reassigned': 'Seat reassigned',
  'seat.reclaimed': 'Dormant seat reclaimed',
  'seat.reclaim_undone': 'Seat reclaim undone',
  'subscription.created': 'Subscription added',
  'subscription.changed': 'Subscription changed',
  'subscription.cancelled': 'Subscription cancelled at period end',
  'subscription.resumed': 'Subscription resumed',
  'subscription.seat_rules_changed': 'Seat rules changed',
  'lease.force_released': 'Seat force-released',
  'organization.created': 'Organization created',
  'settings.changed': 'Settings changed',
  'security_settings.changed': 'Security rules changed',
  'privacy_settings.changed': 'Retention and privacy changed',
  'sso.changed': 'Single sign-on changed',
  'webhook.created': 'Webhook added',
  'webhook.changed': 'Webhook changed',
  'webhook.deleted': 'Webhook removed',
  'alert.status_changed': 'Alert status changed',
  'export.downloaded': 'Data exported',
  'api_token.created': 'API token created',
  'api_token.revoked': 'API token revoked',
  'session.ended': 'Session ended',
  'sessions.ended': 'All sessions ended',
  'owner.recovered': 'Owner access recovered',
  'retention.purged': 'Old events purged',
  'license_key.rotated': 'Lease-signing key rotated',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_KEYS = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export const AUDIT_ACTOR_TYPES = ['user', 'operator', 'system'] as const;

export const AuditEntrySchema = Type.Object(
  {
    id: Type.String(),
    occurredAt: IsoDateTime,
    actor: Type.Object({
      type: Type.Enum([...AUDIT_ACTOR_TYPES], {
        description: 'user: an owner (console or API token); operator: the CLI; system: a scheduled job.',
      }),
      id: Nullable(Type.String({ description: 'The acting user’s id.' })),
      label: Nullable(Type.String({ description: 'The actor’s email when it acted; null once erased.' })),
      apiToken: Nullable(
        Type.Object(
          { id: Type.String(), name: Nullable(Type.String()) },
          { description: 'Set when an API token acted.' },
        ),
      ),
    }),
    action: Type.Enum([...AUDIT_ACTION_KEYS]),
    target: Type.Object({
      type: Type.String({
        description: 'user, subscription, organization, alert, api_token, session, webhook, export…',
      }),
      id: Nullable(Type.String()),
      label: Nullable(Type.String()),
    }),
    before: Nullable(Type.Record(Type.String(), Type.Unknown(), { description: 'The changed fields before.' })),
    after: Nullable(Type.Record(Type.String(), Type.Unknown(), { description: 'The changed fields after.' })),
    ip: Nullable(Type.String()),
    userAgent: Nullable(Type.String()),
    device: Nullable(
      Type.String({
        description: 'A short description of the browser or app, parsed from userAgent ("Firefox 120 on Windows").',
      }),
    ),
  },
  { $id: 'AuditEntry' },
);
export type AuditEntry = Static<typeof AuditEntrySchema>;

export const AuditEntryPage = pageOf(Type.Ref('AuditEntry'));
export type AuditEntryPage = Static<typeof AuditEntryPage, { AuditEntry: typeof AuditEntrySchema }>;

export const AuditLogQuery = Type.Object({
  actor: Type.Optional({ ...Id, description: 'A user’s id: what that user did.' }),
  action: Type.Optional(Type.Enum([...AUDIT_ACTION_KEYS])),
  target: Type.Optional({ ...Id, description: 'An id of what was acted on (a user, subscription, token…).' }),
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
export type AuditLogQuery = Static<typeof AuditLogQuery>;
