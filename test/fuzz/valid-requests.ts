import type { OrgWorld } from './world.ts';
import { NEW_PASSWORD, PASSWORD } from './world.ts';

/**
 * One valid request per route, for the access check: what a caller of `org` with the
 * right to call the route would send. `session: 'fresh'` runs it as a new user of the
 * caller's role (it ends the session); `appToken: 'fresh'` opens a new app session of the
 * caller's own user (heartbeat, sign-out). Ids are the caller's organization's, and
 * changes aim at its throwaway users.
 *
 * A route of the OpenAPI document missing here fails the battery: add a line.
 */
export interface ValidRequest {
  path?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  session?: 'fresh';
  appToken?: 'fresh';
  /** The bearer is the lease file of a seat borrowed at send time (return, status of a borrowing). */
  leaseFile?: 'fresh';
  /** Made at send time (an invitation token that has not been used yet). */
  freshInviteToken?: boolean;
  /** The body is a pending sign-in's challenge and its right code, made at send time. */
  freshSecondStep?: boolean;
}

export interface ValidContext {
  org: OrgWorld;
  uniqueEmail: () => string;
  /** A throwaway user of the org (rotating). */
  throwaway: (n: number) => string;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const range = { from: day(-30), to: day(0) };

export const VALID_REQUESTS: Record<string, (c: ValidContext) => ValidRequest> = {
  'GET /healthz': () => ({}),
  'GET /readyz': () => ({}),
  'POST /api/v1/auth/login': (c) => ({ body: { email: c.org.loginTarget.email, password: PASSWORD } }),
  // A new member with an authenticator app, signed in up to the second step; the body is made at send time.
  'POST /api/v1/auth/login/verify': () => ({ freshSecondStep: true }),
  'POST /api/v1/auth/logout': () => ({ session: 'fresh' }),
  // A reset for a fresh address; the link routes get a well-formed token of no link (404, never a change to a fixture user).
  'POST /api/v1/auth/password-reset': (c) => ({ body: { email: c.uniqueEmail() } }),
  'GET /api/v1/auth/password-reset/{token}': () => ({ path: { token: 'no-such-reset-link-token' } }),
  'POST /api/v1/auth/password-reset/{token}': () => ({
    path: { token: 'no-such-reset-link-token' },
    body: { password: NEW_PASSWORD },
  }),
  'POST /api/v1/auth/sso/start': (c) => ({ body: { email: c.uniqueEmail() } }),
  'GET /api/v1/auth/sso/callback': () => ({ query: { code: 'fuzz', state: 'not-a-pending-sign-in' } }),
  'GET /api/v1/me': () => ({}),
  'POST /api/v1/me/password': () => ({
    session: 'fresh',
    body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
  }),
  'GET /api/v1/me/activity': () => ({ query: { limit: '5' } }),
  'GET /api/v1/me/licenses': () => ({}),
  'GET /api/v1/me/places': () => ({}),
  // Own sessions: listing is harmless; ending runs as a fresh user (an unknown id answers 404).
  'GET /api/v1/me/sessions': () => ({}),
  'DELETE /api/v1/me/sessions': () => ({ session: 'fresh' }),
  'DELETE /api/v1/me/sessions/{sessionId}': () => ({ session: 'fresh', path: { sessionId: 'a_999999999' } }),
  // Two-step verification of the caller's own account; codes and enrolments run as a fresh user, so
  // wrong codes never take the fixture users' sign-in throttle (and no fixture user gains a factor).
  'GET /api/v1/me/mfa': () => ({}),
  'POST /api/v1/me/mfa/totp': () => ({ session: 'fresh' }),
  'POST /api/v1/me/mfa/totp/confirm': () => ({ session: 'fresh', body: { code: '123456' } }),
  'DELETE /api/v1/me/mfa/totp': () => ({ session: 'fresh' }),
  'POST /api/v1/me/mfa/recovery-codes': () => ({ session: 'fresh' }),
  'POST /api/v1/me/passkeys/registration': () => ({ session: 'fresh' }),
  'POST /api/v1/me/passkeys': () => ({
    session: 'fresh',
    body: {
      name: 'Laptop',
      response: {
        id: 'AQID',
        rawId: 'AQID',
        type: 'public-key',
        clientExtensionResults: {},
        response: { clientDataJSON: 'e30', attestationObject: 'oA' },
      },
    },
  }),
  'PATCH /api/v1/me/passkeys/{id}': () => ({ session: 'fresh', path: { id: 'AQID' }, body: { name: 'Laptop' } }),
  'DELETE /api/v1/me/passkeys/{id}': () => ({ session: 'fresh', path: { id: 'AQID' } }),
  'GET /api/v1/products': () => ({}),
  'GET /api/v1/invitations/{token}': (c) => ({ path: { token: c.org.pendingToken } }),
  'POST /api/v1/invitations/{token}/accept': () => ({ freshInviteToken: true, body: { password: PASSWORD } }),
  'GET /api/v1/users': () => ({ query: { limit: '10', sort: 'name', order: 'asc' } }),
  'POST /api/v1/users': (c) => ({ body: { email: c.uniqueEmail(), name: `${c.org.marker} created` } }),
  'GET /api/v1/users/{id}': (c) => ({ path: { id: c.org.member.id } }),
  'PATCH /api/v1/users/{id}': (c) => ({ path: { id: c.throwaway(0) }, body: { name: `${c.org.marker} renamed` } }),
  'POST /api/v1/users/{id}/deactivate': (c) => ({
    path: { id: c.throwaway(1) },
    body: { reason: 'left_organization' },
  }),
  'POST /api/v1/users/{id}/reactivate': (c) => ({ path: { id: c.throwaway(1) } }),
  'GET /api/v1/users/{id}/export': (c) => ({ path: { id: c.org.member.id } }),
  // Erasure aims at the throwaway the world deactivated (index 3): once erased, it answers 409.
  'POST /api/v1/users/{id}/erase': (c) => ({ path: { id: c.throwaway(3) } }),
  'POST /api/v1/users/{id}/invitation': (c) => ({ path: { id: c.throwaway(2) } }),
  'DELETE /api/v1/users/{id}/mfa': (c) => ({ path: { id: c.throwaway(0) } }),
  'GET /api/v1/users/{id}/activity': (c) => ({ path: { id: c.org.member.id }, query: { limit: '5' } }),
  'GET /api/v1/users/{id}/licenses': (c) => ({ path: { id: c.org.member.id } }),
  'GET /api/v1/users/{id}/places': (c) => ({ path: { id: c.org.member.id } }),
  'GET /api/v1/users/{id}/sessions': (c) => ({ path: { id: c.org.member.id } }),
  // Ending sessions aims at a throwaway user, never at a fixture user whose session the battery holds.
  'DELETE /api/v1/users/{id}/sessions': (c) => ({ path: { id: c.throwaway(0) } }),
  'DELETE /api/v1/users/{id}/sessions/{sessionId}': (c) => ({
    path: { id: c.throwaway(0), sessionId: 'c_AAAAAAAAAAAAAAAAAAAAAA' },
  }),
  'GET /api/v1/sign-ins': (c) => ({ query: { limit: '5', ip: '81.2.69.0/24', user: c.org.member.id } }),
  'GET /api/v1/sign-ins/{id}': (c) => ({ path: { id: c.org.signInId } }),
  'GET /api/v1/audit-log': (c) => ({ query: { limit: '5', actor: c.org.owner.id, action: 'user.changed' } }),
  'GET /api/v1/users/{id}/released-seats': (c) => ({ path: { id: c.throwaway(1) } }),
  'POST /api/v1/users/bulk/assign-seat': (c) => ({
    body: { userIds: [c.throwaway(2)], subscriptionId: c.org.subscriptionId },
  }),
  'POST /api/v1/users/bulk/unassign-seat': (c) => ({
    body: { userIds: [c.throwaway(2)], subscriptionId: c.org.subscriptionId },
  }),
  'POST /api/v1/users/bulk/deactivate': (c) => ({
    body: { userIds: [c.throwaway(1)], reason: 'left_organization', releaseSeats: true },
  }),
  'POST /api/v1/users/bulk/export': (c) => ({ body: { userIds: [c.org.member.id, c.throwaway(0)] } }),
  'POST /api/v1/users/import': (c) => ({
    body: { csv: `email,name,role,product\n${c.uniqueEmail()},${c.org.marker} imported,member,\n`, dryRun: true },
  }),
  // An email with no account: answered (rejected unknown-user), nothing stored in the fuzz world.
  'POST /api/v1/events': (c) => ({
    body: [
      {
        idempotencyKey: `${c.org.marker}-fuzz`,
        email: c.uniqueEmail(),
        occurredAt: new Date().toISOString(),
        ip: '203.0.113.5',
        userAgent: null,
        outcome: 'success',
      },
    ],
  }),
  'GET /api/v1/subscriptions': () => ({ query: { status: 'active' } }),
  'GET /api/v1/subscriptions/{id}': (c) => ({ path: { id: c.org.subscriptionId } }),
  'GET /api/v1/subscriptions/{id}/assignments': (c) => ({ path: { id: c.org.subscriptionId } }),
  'POST /api/v1/subscriptions/{id}/assignments': (c) => ({
    path: { id: c.org.subscriptionId },
    body: { userId: c.throwaway(3) },
  }),
  'DELETE /api/v1/subscriptions/{id}/assignments/{userId}': (c) => ({
    path: { id: c.org.subscriptionId, userId: c.throwaway(3) },
  }),
  'POST /api/v1/subscriptions/{id}/assignments/{userId}/reassign': (c) => ({
    path: { id: c.org.subscriptionId, userId: c.throwaway(0) },
    body: { toUserId: c.throwaway(4) },
  }),
  'POST /api/v1/subscriptions/{id}/cancel': (c) => ({ path: { id: c.org.subscriptionId } }),
  'POST /api/v1/subscriptions/{id}/resume': (c) => ({ path: { id: c.org.subscriptionId } }),
  'GET /api/v1/subscriptions/{id}/reclaim-preview': (c) => ({
    path: { id: c.org.subscriptionId },
    query: { afterDays: '35' },
  }),
  'GET /api/v1/subscriptions/{id}/reclaims': (c) => ({ path: { id: c.org.subscriptionId } }),
  // No reclaim has this id: 404, never a change.
  'POST /api/v1/subscriptions/{id}/reclaims/{assignmentId}/undo': (c) => ({
    path: { id: c.org.subscriptionId, assignmentId: '999999999' },
  }),
  // Seats in use: the fixture's leases are its app sessions'; releasing aims at a lease id no one holds (404).
  'GET /api/v1/subscriptions/{id}/leases': (c) => ({ path: { id: c.org.subscriptionId }, query: { limit: '5' } }),
  'DELETE /api/v1/subscriptions/{id}/leases/{leaseId}': (c) => ({
    path: { id: c.org.subscriptionId, leaseId: '999999999' },
    body: { reason: 'fuzz' },
  }),
  'PATCH /api/v1/subscriptions/{id}/seat-rules': (c) => ({
    path: { id: c.org.subscriptionId },
    body: { maxBorrowDays: 14 },
  }),
  'GET /api/v1/organization': () => ({}),
  'PATCH /api/v1/organization': () => ({ body: { inactivityDays: 30 } }),
  'GET /api/v1/alerts': (c) => ({ query: { limit: '5', status: 'open', user: c.org.member.id } }),
  'GET /api/v1/alerts/{id}': (c) => ({ path: { id: c.org.alertId } }),
  'PATCH /api/v1/alerts/{id}': (c) => ({
    path: { id: c.org.alertId },
    body: { status: 'acknowledged', note: 'Looking into it.' },
  }),
  'GET /api/v1/organization/security': () => ({}),
  'PATCH /api/v1/organization/security': () => ({
    body: { trustedNetworks: [{ cidr: '198.51.100.0/24', label: 'Office' }] },
  }),
  'GET /api/v1/organization/privacy': () => ({}),
  'PATCH /api/v1/organization/privacy': () => ({
    body: { rawEventsDays: 400, ipAnonymisation: { mode: 'after', afterDays: 60 } },
  }),
  // Switched off: saved without fetching the issuer's discovery document.
  'GET /api/v1/organization/sso': () => ({}),
  'PUT /api/v1/organization/sso': (c) => ({
    body: {
      issuer: 'https://sso.example.com',
      clientId: 'seatkeeper',
      clientSecret: 'fuzz secret',
      domains: [`${c.org.marker}.example`],
      justInTime: false,
      ssoOnly: false,
      enabled: false,
    },
  }),
  'DELETE /api/v1/organization/sso': () => ({}),
  'GET /api/v1/notifications/status': () => ({}),
  'GET /api/v1/webhooks': () => ({}),
  'POST /api/v1/webhooks': (c) => ({
    body: { url: `https://hooks.example.com/${c.org.marker}/new`, description: 'fuzz' },
  }),
  'PATCH /api/v1/webhooks/{id}': (c) => ({
    path: { id: c.org.webhookId },
    body: { description: `${c.org.marker} hook` },
  }),
  'DELETE /api/v1/webhooks/{id}': (c) => ({ path: { id: c.org.webhookId } }),
  'POST /api/v1/webhooks/{id}/rotate-secret': (c) => ({ path: { id: c.org.webhookId } }),
  'POST /api/v1/webhooks/{id}/test': (c) => ({ path: { id: c.org.webhookId } }),
  'GET /api/v1/webhooks/{id}/deliveries': (c) => ({ path: { id: c.org.webhookId }, query: { limit: '5' } }),
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry': (c) => ({
    path: { id: c.org.webhookId, deliveryId: c.org.deliveryId },
  }),
  'GET /api/v1/api-tokens': () => ({ query: { limit: '5' } }),
  'POST /api/v1/api-tokens': (c) => ({ body: { name: `${c.org.marker} fuzz`, scope: 'read' } }),
  // An id no token has: the owner gets 404, the others their refusal (no fixture token to lose).
  'DELETE /api/v1/api-tokens/{id}': () => ({ path: { id: '00000000-0000-4000-8000-000000000000' } }),
  'GET /api/v1/sign-in-confirmations/{token}': (c) => ({ path: { token: c.org.confirmationToken } }),
  'POST /api/v1/sign-in-confirmations/{token}/not-me': (c) => ({ path: { token: c.org.confirmationToken } }),
  'GET /api/v1/reports/logins': () => ({ query: range }),
  'GET /api/v1/reports/app-usage': () => ({ query: range }),
  'GET /api/v1/reports/licenses': () => ({ query: { usedWithinDays: '30' } }),
  'GET /api/v1/reports/inactive-users': () => ({ query: { days: '30' } }),
  'GET /api/v1/reports/underused-licenses': () => ({ query: { days: '30' } }),
  'GET /api/v1/reports/security': () => ({ query: range }),
  'GET /api/v1/reports/deactivations': () => ({ query: range }),
  'GET /api/v1/reports/license-sharing': () => ({ query: range }),
  'GET /api/v1/reports/denials': () => ({ query: range }),
  'GET /api/v1/reports/demand': () => ({ query: range }),
  'GET /api/v1/overview': () => ({}),
  'POST /api/v1/app/sessions': (c) => ({
    body: {
      email: c.org.member.email,
      password: PASSWORD,
      app: { key: c.org.productKey, version: '1.2.3' },
      device: { id: 'valid-device', name: `${c.org.marker} tablet`, os: 'iPadOS', osVersion: '18', type: 'tablet' },
    },
  }),
  'POST /api/v1/app/sessions/current/heartbeat': () => ({ appToken: 'fresh' }),
  'DELETE /api/v1/app/sessions/current': () => ({ appToken: 'fresh' }),
  'POST /api/v1/app/sessions/current/borrow': () => ({ appToken: 'fresh', body: { days: 1 } }),
  // No role holds a lease file: these answer 401 invalid-lease-file (see route-access.ts).
  'POST /api/v1/app/borrowings/current/return': () => ({ leaseFile: 'fresh' }),
  'GET /api/v1/app/borrowings/current': () => ({ leaseFile: 'fresh' }),
  'GET /api/v1/license-keys': () => ({}),
  'POST /api/v1/organization/license-keys/rotate': () => ({}),
  'POST /api/v1/app/device-authorizations': (c) => ({
    body: {
      app: { key: c.org.productKey, version: '1.2.3' },
      device: { id: 'valid-device', name: `${c.org.marker} tablet`, os: 'iPadOS', osVersion: '18', type: 'tablet' },
    },
  }),
  // A well-formed code no app is waiting for: signed-in callers get 404 device-code-invalid, anonymous ones 401.
  'GET /api/v1/device-authorizations/{userCode}': () => ({ path: { userCode: 'BCDF-GHJK' } }),
  'POST /api/v1/device-authorizations/{userCode}/approve': () => ({ path: { userCode: 'BCDF-GHJK' } }),
  'POST /api/v1/device-authorizations/{userCode}/deny': () => ({ path: { userCode: 'BCDF-GHJK' } }),
};
