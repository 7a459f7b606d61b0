import type { ColumnType, Generated } from 'kysely';

/**
 * Table shapes as the database sees them (snake_case). These rows never leave a
 * repository: repositories map them to the camelCase API shapes.
 *
 * Times are integers: milliseconds since the Unix epoch, UTC. One representation on
 * SQLite and PostgreSQL keeps the migrations, comparisons and keyset cursors identical
 * on both (see docs/ARCHITECTURE.md).
 */
export interface Database {
  organizations: OrganizationRow;
  users: UserRow;
  invitations: InvitationRow;
  sessions: SessionRow;
  sign_in_attempts: SignInAttemptRow;
  products: ProductRow;
  subscriptions: SubscriptionRow;
  seat_assignments: SeatAssignmentRow;
  app_sessions: AppSessionRow;
  daily_app_usage: DailyAppUsageRow;
  daily_failed_sign_ins: DailyFailedSignInRow;
  daily_failing_addresses: DailyFailingAddressRow;
  org_daily_sign_ins: OrgDailySignInRow;
  sign_in_key_days: SignInKeyDayRow;
  org_daily_active_users: OrgDailyActiveUsersRow;
  sign_in_keys: SignInKeyRow;
  sign_in_running_totals: SignInRunningTotalsRow;
  sign_in_running_totals_latest: SignInRunningTotalsLatestRow;
  app_usage_running_totals: AppUsageRunningTotalsRow;
  app_usage_running_totals_latest: AppUsageRunningTotalsLatestRow;
  app_active_days: AppActiveDayRow;
  server_secrets: ServerSecretRow;
  report_rebuilds: ReportRebuildRow;
  released_seats: ReleasedSeatRow;
  alerts: AlertRow;
  alert_sign_ins: AlertSignInRow;
  alert_status_changes: AlertStatusChangeRow;
  alert_digest_items: AlertDigestItemRow;
  alert_digest_state: AlertDigestStateRow;
  email_outbox: EmailOutboxRow;
  sign_in_confirmations: SignInConfirmationRow;
  webhook_endpoints: WebhookEndpointRow;
  webhook_deliveries: WebhookDeliveryRow;
  password_resets: PasswordResetRow;
  password_reset_requests: PasswordResetRequestRow;
  totp_factors: TotpFactorRow;
  recovery_codes: RecoveryCodeRow;
  passkeys: PasskeyRow;
  passkey_registrations: PasskeyRegistrationRow;
  sign_in_challenges: SignInChallengeRow;
  sso_connections: SsoConnectionRow;
  sso_domains: SsoDomainRow;
  sso_requests: SsoRequestRow;
  device_authorizations: DeviceAuthorizationRow;
  audit_log: AuditLogRow;
  api_tokens: ApiTokenRow;
  job_leases: JobLeaseRow;
  seat_leases: SeatLeaseRow;
  seat_denials: SeatDenialRow;
  seat_usage_hours: SeatUsageHourRow;
  license_signing_keys: LicenseSigningKeyRow;
  ingested_events: IngestedEventRow;
}

export interface OrganizationRow {
  id: string;
  name: string;
  /** IANA zone used for reports' day boundaries; the console shows times in the viewer's zone. */
  time_zone: string;
  created_at: number;
  /** Days without a sign-in or app use before a user counts as inactive (reports' default). */
  inactivity_days: Generated<number>;
  /** Days without use of its app before a seat counts as under-used (reports' default). */
  underuse_days: Generated<number>;
  /** JSON of the security rules an owner changed (migration 0010); defaults fill the rest at read. */
  security_settings: Generated<string>;
  /** Days a raw event (sign-in attempt, ended app session) is kept; aggregates stay (migration 0012). */
  raw_event_retention_days: Generated<number>;
  /** Days an audit-log row is kept. */
  audit_retention_days: Generated<number>;
  /** 'never' | 'always' | 'after': keep only the /24 (IPv4) or /48 (IPv6) of stored addresses. */
  ip_anonymisation: Generated<IpAnonymisation>;
  /** With 'after': the age in days past which addresses are cut. */
  ip_anonymise_after_days: Generated<number>;
  /** The retention job's watermark (ms): stored addresses older than this are already cut. */
  ip_anonymised_before: Generated<number>;
  /** Retention deleted the sign-in attempts older than this (ms): the aggregates may no longer be recounted. */
  sign_ins_purged_before: Generated<number>;
}

export type IpAnonymisation = 'never' | 'always' | 'after';

export type Role = 'owner' | 'member';
export type UserStatus = 'active' | 'deactivated';

export interface UserRow {
  id: string;
  org_id: string;
  email: string;
  /** Lower-cased, trimmed email; unique across the server (one account per person). */
  email_normalized: string;
  name: string;
  role: Role;
  status: UserStatus;
  /** argon2id PHC string; null until the invitation is accepted. */
  password_hash: string | null;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
  deactivated_at: number | null;
  deactivation_reason: string | null;
  deactivation_note: string | null;
  /** Start or end of the user's latest app session (ms); null when they never used an app. */
  last_app_use_at: number | null;
  /** Set when the user's personal data was erased (migration 0012); the row stays, anonymous. */
  erased_at: number | null;
}

export interface InvitationRow {
  /** sha256 of the token: a database leak does not hand out working links. */
  token_hash: string;
  org_id: string;
  user_id: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
}

export interface SessionRow {
  /** sha256 of the cookie value. */
  id_hash: string;
  org_id: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  /** Absolute end of the session (ms). */
  expires_at: number;
  /** Refreshed at most once a minute; the idle timeout counts from it. */
  last_seen_at: number;
  /** 1: the session may only enrol a second factor (required, grace over; migration 0011). */
  enrolment_only: Generated<number>;
  /** The sign-in attempt that opened the session: its device, address and place (migration 0012). */
  sign_in_attempt_id: number | null;
}

export interface SignInAttemptRow {
  id: Generated<number>;
  /** Null only when the email matched no account: then no organization can be known. */
  org_id: string | null;
  user_id: string | null;
  /** The email as typed, normalised; kept for failed attempts on unknown accounts. */
  email: string;
  occurred_at: number;
  outcome: 'success' | 'failure';
  failure_reason: string | null;
  /** 'console' for the web console, 'app' for a vendor app's sign-in. */
  client: string;
  app_key: string | null;
  app_version: string | null;
  ip: string;
  /**
   * `ip` as 32 hex digits of its 16 bytes (IPv4 as ::ffff:a.b.c.d), so text order is address order
   * and a CIDR network is one range (migration 0008). insertSignInAttempts fills it from `ip`;
   * null when `ip` is not an address.
   */
  ip_key: ColumnType<string | null, string | null | undefined, string | null>;
  country_code: string | null;
  country: string | null;
  region: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  asn: number | null;
  as_organization: string | null;
  device_type: string;
  os: string | null;
  os_version: string | null;
  browser: string | null;
  browser_version: string | null;
  device_id: string | null;
  /** The name an app gives its device ("Dana's laptop"); null for browsers. */
  device_name: string | null;
  user_agent: string | null;
  /** JSON array of risk flags, e.g. ["new_country"]; '[]' when none. */
  risk: string;
  /** JSON array of RiskEvidence (src/contract/security.ts), one per flag (migration 0010). */
  risk_details: Generated<string>;
  /** How the sign-in was proven: 'password' | 'sso' | 'device_authorization' | 'password_reset' (0011). */
  method: Generated<string>;
  /** The second factor used: 'totp' | 'passkey' | 'recovery_code'; null when none was asked. */
  second_factor: ColumnType<string | null, string | null | undefined, string | null>;
  /** Why the second step was asked: 'enrolled' | 'required' | 'risk'; null when it was not. */
  step_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ProductRow {
  id: string;
  /** Stable identifier the vendor's app sends (e.g. "designer"). */
  key: string;
  name: string;
  created_at: number;
}

export interface SubscriptionRow {
  id: string;
  org_id: string;
  product_id: string;
  seats: number;
  /** Seats currently held; never above `seats` (check constraint and conditional update). */
  assigned: number;
  starts_at: number;
  /** End of the paid period (ms, exclusive); renewal moves it. */
  expires_at: number;
  /** 1: renews at expires_at; 0: cancelled at period end (access continues until then). */
  auto_renew: number;
  seat_price_cents: number | null;
  currency: string | null;
  created_at: number;
  updated_at: number;
  /** 'named': seats assigned to people; 'floating': a pool any active member leases from (migration 0013). */
  kind: SubscriptionKind;
  /** Live leases (online and borrowed); on a floating pool never above `seats` (conditional update). */
  leased: number;
  /** Live borrowed leases; a floating pool lends at most seats − min_pool_seats. */
  borrowed: number;
  /** A floating lease without a heartbeat for this long (s) is released. */
  lease_window_s: number;
  /** Devices one user may run a named seat on at once. */
  device_limit: number;
  /** Longest offline borrowing (days); 0: borrowing off. */
  max_borrow_days: number;
  /** Floating seats never lent out. */
  min_pool_seats: number;
  /** Dormant-seat reclaim after this many days without use; null: off. */
  reclaim_after_days: number | null;
}

export type SubscriptionKind = 'named' | 'floating';

export interface SeatAssignmentRow {
  id: Generated<number>;
  org_id: string;
  subscription_id: string;
  user_id: string;
  assigned_at: number;
  assigned_by: string | null;
  /** Null while the seat is held; history rows keep who freed it and why. */
  unassigned_at: number | null;
  unassigned_by: string | null;
  unassign_reason: string | null;
  /** Latest app use through this seat (ms); null when never used. */
  last_used_at: number | null;
  /** When the holder was warned of a dormant-seat reclaim (migration 0013); a later use starts over. */
  reclaim_warned_at: number | null;
}

/** ended_by_owner / ended_by_user: ended from the console's sessions list (user-sessions). */
export type AppSessionEndReason =
  | 'signed_out'
  | 'timed_out'
  | 'deactivated'
  | 'seat_removed'
  | 'expired'
  | 'ended_by_owner'
  | 'ended_by_user'
  /** The same device signed in again: the new session took over (issue 14). */
  | 'replaced'
  /** An owner force-released the session's floating or borrowed seat (Seats in use). */
  | 'lease_released'
  /** The app returned its borrowed seat. */
  | 'returned';

export interface AppSessionRow {
  id: Generated<number>;
  org_id: string;
  user_id: string;
  subscription_id: string;
  app_key: string;
  app_version: string | null;
  /** sha256 of the bearer token the app holds. */
  token_hash: string;
  heartbeat_interval_s: number;
  started_at: number;
  last_heartbeat_at: number;
  /** Null while open. A session silent for 3 intervals ends at its last heartbeat. */
  ended_at: number | null;
  end_reason: AppSessionEndReason | null;
  /** Use up to this instant (ms) is counted in daily_app_usage; the rest is added every few minutes and at the end. */
  usage_counted_until: number;
  ip: string;
  country_code: string | null;
  country: string | null;
  region: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  asn: number | null;
  as_organization: string | null;
  device_type: string;
  device_id: string | null;
  device_name: string | null;
  os: string | null;
  os_version: string | null;
  /** How the sign-in that opened it was proven: 'password' | 'device_authorization' (migration 0011). */
  method: Generated<string>;
  /** Silence (s) that ends the session; null: 3 heartbeat intervals. A floating session's is its pool's lease window. */
  silence_limit_s: number | null;
}

/** Incremental per-day usage, so reports never scan raw heartbeats. */
export interface DailyAppUsageRow {
  org_id: string;
  user_id: string;
  app_key: string;
  /** YYYY-MM-DD in the organization's time zone. */
  day: string;
  sessions: number;
  active_seconds: number;
}

/** Users active per organization, app ('' for any) and day, and the weekly/monthly counts' changes. */
export interface OrgDailyActiveUsersRow {
  org_id: string;
  app_key: string;
  day: string;
  users: number;
  weekly_change: number;
  monthly_change: number;
}

/** A device or country a user signed in with, and the first and last local day it was seen. */
export interface SignInKeyRow {
  org_id: string;
  user_id: string;
  kind: 'device' | 'country';
  value: string;
  first_day: string;
  last_day: string;
}

/** An organization's sign-in attempts per local day: the charts' series. */
export interface OrgDailySignInRow {
  org_id: string;
  day: string;
  successful: number;
  failed: number;
  /** Of the failed, those refused by the throttle. */
  throttled: number;
}

/**
 * One calendar year of days, one bit a day: bit i of word w is day-of-year w × 31 + i
 * (12 words of 31 bits: a 32-bit integer on both databases; see report-aggregates/day-bitmaps.ts).
 */
export interface DayBitmapWords {
  w0: number;
  w1: number;
  w2: number;
  w3: number;
  w4: number;
  w5: number;
  w6: number;
  w7: number;
  w8: number;
  w9: number;
  w10: number;
  w11: number;
}

/** The days of one calendar year a device (kind 'device') or country (kind 'country') signed a user in. */
export interface SignInKeyDayRow extends DayBitmapWords {
  org_id: string;
  year: number;
  user_id: string;
  kind: 'device' | 'country';
  value: string;
}

/** The days of one calendar year a user used an app (app_key '' : any app). */
export interface AppActiveDayRow extends DayBitmapWords {
  org_id: string;
  year: number;
  user_id: string;
  app_key: string;
}

/** A user's sign-in attempts up to the end of `day` (local), one row for every day from their first to their latest. */
export interface SignInRunningTotalsRow {
  org_id: string;
  day: string;
  user_id: string;
  successful: number;
  failed: number;
  throttled: number;
  /** Latest failure up to the end of the day (ms); null before the first. */
  last_failed_at: number | null;
}

/** A user's newest sign-in totals; first_day and last_day are '' while the row only holds a writer's lock. */
export interface SignInRunningTotalsLatestRow extends Omit<SignInRunningTotalsRow, 'day'> {
  first_day: string;
  last_day: string;
}

/** A user's use of an app (app_key '': all apps together) up to the end of `day` (local), every day from first to latest. */
export interface AppUsageRunningTotalsRow {
  org_id: string;
  day: string;
  user_id: string;
  app_key: string;
  sessions: number;
  active_seconds: number;
  active_days: number;
}

/** A user's newest app-usage totals per app; first_day and last_day are '' while the row only holds a writer's lock. */
export interface AppUsageRunningTotalsLatestRow extends Omit<AppUsageRunningTotalsRow, 'day'> {
  first_day: string;
  last_day: string;
}

export interface DailyFailedSignInRow {
  org_id: string;
  day: string;
  ip: string;
  user_id: string;
  failed: number;
  /** Latest failure of that address on that account that day (ms). */
  last_at: number;
}

/** One of a day's top addresses by failures (migration 0015; report-aggregates/failing-addresses.ts). */
export interface DailyFailingAddressRow {
  org_id: string;
  day: string;
  ip: string;
  /** Failures of that address that day, on every account. */
  failed: number;
  /** Latest of them (ms). */
  last_at: number;
}

/** A secret shared by every server process, created on first use (e.g. the device credentials' HMAC key). */
export interface ServerSecretRow {
  name: string;
  /** base64url */
  value: string;
  created_at: number;
}

/** An organization's latest report rebuild (migration 0007): runs in the background, batch by batch. */
export interface ReportRebuildRow {
  org_id: string;
  status: 'running' | 'done' | 'failed';
  /** The zone the reports are being recounted in. */
  time_zone: string;
  /** The last user recounted (users go by id); null: none yet. Commits with each batch. */
  cursor: string | null;
  users_done: number;
  users_total: number;
  started_at: number;
  /** The latest batch's commit (ms): a running rebuild not updated for long has lost its process. */
  updated_at: number;
  finished_at: number | null;
  error: string | null;
}

/** A seat that deactivating a user freed (migration 0009): reactivation offers it back, then the row goes. */
export interface ReleasedSeatRow {
  org_id: string;
  user_id: string;
  subscription_id: string;
  released_at: number;
}

/** An alert an owner should look at (migration 0010). Times in ms. */
export interface AlertRow {
  id: string;
  org_id: string;
  type: string;
  severity: string;
  status: 'open' | 'acknowledged' | 'resolved';
  user_id: string | null;
  ip: string | null;
  subject_key: string;
  /** `type:subject:window` while the alert gathers evidence; null once resolved. Unique per organization. */
  dedupe_key: string | null;
  summary: string;
  /** JSON evidence (counts, places, distance, speed). */
  details: string;
  event_count: number;
  first_seen_at: number;
  last_seen_at: number;
  created_at: number;
  updated_at: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  resolved_at: number | null;
  resolved_by: string | null;
  note: string | null;
}

/** A sign-in attempt that is evidence of an alert. */
export interface AlertSignInRow {
  org_id: string;
  alert_id: string;
  sign_in_id: number;
}

/** Who moved an alert from one status to another, when, and why. */
export interface AlertStatusChangeRow {
  id: string;
  org_id: string;
  alert_id: string;
  from_status: string;
  to_status: string;
  /** Null when the system changed it (e.g. a "this wasn't me" report). */
  actor_user_id: string | null;
  note: string | null;
  changed_at: number;
}

/** An alert waiting for the owners' next e-mail digest. */
export interface AlertDigestItemRow {
  alert_id: string;
  org_id: string;
  created_at: number;
  emailed_at: number | null;
}

/** When the organization's owners were last sent a digest (the digests' rate limit). */
export interface AlertDigestStateRow {
  org_id: string;
  last_sent_at: number;
}

/** A mail to send; the e-mail worker sends it and records the outcome. */
export interface EmailOutboxRow {
  id: string;
  org_id: string;
  /** 'alert_digest' | 'sign_in_confirmation' | … */
  kind: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  created_at: number;
  /** Not sent before this time (ms): retries back off through it. */
  send_after: number;
  sent_at: number | null;
  attempts: number;
  last_error: string | null;
  /** A worker holds the row until then (ms), so two processes never send it twice at once. */
  claimed_until: number | null;
}

/** A "this wasn't me" link mailed after a sign-in from a new country or device: single use, expiring. */
export interface SignInConfirmationRow {
  /** sha256 of the token in the link. */
  token_hash: string;
  org_id: string;
  user_id: string;
  sign_in_id: number;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** Where an organization's alerts are posted (Standard Webhooks). */
export interface WebhookEndpointRow {
  id: string;
  org_id: string;
  url: string;
  description: string;
  /** 1 or 0. */
  enabled: number;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: number | null;
  created_at: number;
  updated_at: number;
}

/** One message to one endpoint, with its attempts' outcome (the console's delivery log). */
export interface WebhookDeliveryRow {
  id: string;
  org_id: string;
  endpoint_id: string;
  message_id: string;
  event_type: string;
  payload: string;
  alert_id: string | null;
  /** 'pending' (waiting for an attempt or a retry) | 'succeeded' | 'failed' (retries exhausted). */
  status: string;
  attempts: number;
  next_attempt_at: number | null;
  last_attempt_at: number | null;
  last_status_code: number | null;
  last_error: string | null;
  claimed_until: number | null;
  created_at: number;
  delivered_at: number | null;
}

/** A password-reset link: single use, expiring (migration 0011). */
export interface PasswordResetRow {
  /** sha256 of the token in the link. */
  token_hash: string;
  org_id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  /** 'email' (the user asked for it) | 'cli' (the operator issued it). */
  issued_by: string;
}

/** A "Forgot password?" request, stored before its answer; processed_at is set when its link (if any) is made. */
export interface PasswordResetRequestRow {
  id: string;
  /** Normalised, as typed: known or not. */
  email: string;
  created_at: number;
  processed_at: number | null;
}

/** A user's authenticator app (RFC 6238). */
export interface TotpFactorRow {
  org_id: string;
  user_id: string;
  /** Base32. */
  secret: string;
  created_at: number;
  /** Null until the first code is confirmed. */
  confirmed_at: number | null;
  /** The last 30-second step a code was accepted for (replays are refused). */
  last_used_step: number | null;
}

export interface RecoveryCodeRow {
  org_id: string;
  user_id: string;
  /** sha256 of the code, normalised (no dashes, lower case). */
  code_hash: string;
  created_at: number;
  used_at: number | null;
}

/** A WebAuthn credential. */
export interface PasskeyRow {
  /** Credential id, base64url. */
  id: string;
  org_id: string;
  user_id: string;
  name: string;
  /** COSE public key, base64url. */
  public_key: string;
  counter: number;
  /** JSON array of AuthenticatorTransport. */
  transports: string;
  /** 1 or 0. */
  backed_up: number;
  created_at: number;
  last_used_at: number | null;
}

export interface PasskeyRegistrationRow {
  org_id: string;
  user_id: string;
  challenge: string;
  expires_at: number;
}

/** The pending second step of a sign-in whose password was right. */
export interface SignInChallengeRow {
  /** sha256 of the challenge token the client holds. */
  id_hash: string;
  org_id: string;
  user_id: string;
  /** 'enrolled' | 'required' | 'risk' */
  reason: string;
  /** JSON array of the risk flags that asked for it. */
  risk_flags: string;
  webauthn_challenge: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** An organization's OpenID Connect provider. */
export interface SsoConnectionRow {
  org_id: string;
  issuer: string;
  client_id: string;
  client_secret: string;
  /** 1 or 0. */
  enabled: number;
  /** 1: unknown users of the domains become members at their first SSO sign-in. */
  just_in_time: number;
  /** 1: the domains' users may not sign in with a password (but the break-glass owner). */
  sso_only: number;
  break_glass_user_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface SsoDomainRow {
  /** Lower case, e.g. northwind.example. */
  domain: string;
  org_id: string;
}

/** A sign-in sent to the provider, waiting for its return. */
export interface SsoRequestRow {
  /** sha256 of the `state` parameter. */
  state_hash: string;
  org_id: string;
  nonce: string;
  code_verifier: string;
  return_to: string | null;
  created_at: number;
  expires_at: number;
}

/** An app's sign-in through the browser (RFC 8628). */
export interface DeviceAuthorizationRow {
  /** sha256 of the device code the app polls with. */
  device_code_hash: string;
  /** 8 characters, stored without the dash shown to the user. */
  user_code: string;
  app_key: string;
  app_version: string;
  /** JSON: {id, name, os, osVersion, type}. */
  device: string;
  /** 'pending' | 'approved' | 'denied' | 'used' */
  status: string;
  org_id: string | null;
  user_id: string | null;
  created_at: number;
  expires_at: number;
  last_polled_at: number | null;
  decided_at: number | null;
}

export type AuditActorType = 'user' | 'operator' | 'system';

/** One owner, operator or job action (migration 0012). Append-only through the application. */
export interface AuditLogRow {
  id: Generated<number>;
  org_id: string;
  occurred_at: number;
  actor_type: AuditActorType;
  /** The acting user's id; null for the operator and jobs. */
  actor_id: string | null;
  /** The actor's email when it acted (erasure blanks it). */
  actor_label: string | null;
  /** Set when the user acted through an API token. */
  api_token_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  target_label: string | null;
  /** JSON object of the changed fields before the action; null where there was nothing before. */
  before: string | null;
  after: string | null;
  ip: string | null;
  user_agent: string | null;
}

export type ApiTokenScope = 'read' | 'full';

export interface ApiTokenRow {
  id: string;
  org_id: string;
  /** The owner who made it: the token never does more than this user may do now. */
  created_by: string;
  name: string;
  scope: ApiTokenScope;
  /** sha256 of the token. */
  token_hash: string;
  /** The token's first characters, shown in lists to tell tokens apart. */
  prefix: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  last_used_ip: string | null;
  revoked_at: number | null;
  revoked_by: string | null;
}

/** One scheduled job's lease: its holder runs it until expires_at, renewing while it works. */
export interface JobLeaseRow {
  name: string;
  holder: string;
  expires_at: number;
  last_finished_at: number | null;
  /** JSON of what the last run did. */
  last_result: string | null;
}

/** Why a lease ended (seat_leases.release_reason). */
export type LeaseReleaseReason =
  /** Its app session ended (signed out, timed out, replaced, ended from the console …). */
  'session_ended' | 'force_released' | 'returned' | 'borrow_expired' | 'seat_removed' | 'deactivated';

/** A seat a device holds: online while its app session runs, or borrowed until a date (migration 0013). */
export interface SeatLeaseRow {
  id: Generated<number>;
  org_id: string;
  subscription_id: string;
  user_id: string;
  /** The app session using it now; null once a borrowed lease's session is gone. */
  app_session_id: number | null;
  device_id: string | null;
  device_name: string | null;
  taken_at: number;
  borrowed_at: number | null;
  /** Set while borrowed: the lease lives until then whatever its session does. */
  borrowed_until: number | null;
  signing_key_id: string | null;
  released_at: number | null;
  release_reason: LeaseReleaseReason | null;
  released_by: string | null;
  release_note: string | null;
}

export type SeatDenialReason = 'pool_full' | 'no_seat' | 'device_limit' | 'subscription_expired';
export type SeatDenialOutcome = 'pending' | 'seat_on_retry' | 'gave_up';

/** A refused seat request (migration 0013). */
export interface SeatDenialRow {
  id: Generated<number>;
  org_id: string;
  subscription_id: string | null;
  product_key: string;
  user_id: string;
  device_id: string | null;
  device_name: string | null;
  reason: SeatDenialReason;
  denied_at: number;
  outcome: SeatDenialOutcome;
  resolved_at: number | null;
}

/** Seats in use of one subscription in one UTC hour (migration 0013). */
export interface SeatUsageHourRow {
  org_id: string;
  subscription_id: string;
  /** Start of the UTC hour, ms. */
  hour: number;
  peak: number;
  /** In use after the hour's last change: the next hours' level until a row says otherwise. */
  last: number;
  seats: number;
}

/** An Ed25519 key that signs an organization's lease files (JWK JSON, migration 0013). */
export interface LicenseSigningKeyRow {
  /** The `kid` of the JWS header and the JWKS. */
  id: string;
  org_id: string;
  public_jwk: string;
  private_jwk: string;
  created_at: number;
  /** Stops signing from then; still published while leases it signed may be verified. */
  retired_at: number | null;
}

/** An idempotency key of an ingested sign-in event (POST /api/v1/events, import-events; migration 0014). */
export interface IngestedEventRow {
  org_id: string;
  /** The sender's own id of the event; unique per organization. */
  idempotency_key: string;
  /** Epoch ms when the event was first accepted. */
  ingested_at: number;
}
