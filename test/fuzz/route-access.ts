/**
 * Who may call what: one line per `METHOD /path` of the OpenAPI document.
 *
 * - `public`: anyone, no session (credentials, if any, travel in the body or the path).
 * - `signed-in`: any active user of an organization (console session cookie).
 * - `owner`: an owner of the organization (console session cookie).
 * - `app-token`: a vendor app's session, authenticated by `Authorization: Bearer <sessionToken>`.
 *
 * The fuzz battery (test/fuzz/api.fuzz.test.ts) fails when a route of the document is
 * missing here or a line here names no route, and checks each line: a caller without the
 * access gets 401 (anonymous) or 403 (signed in without the role) and never a 2xx; a caller
 * with it is never refused with 401/403 for a valid request.
 */
export type Access = 'public' | 'signed-in' | 'owner' | 'app-token';

export const ROUTE_ACCESS: Record<string, Access> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',

  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/login/verify': 'public',
  'POST /api/v1/auth/logout': 'signed-in',
  'POST /api/v1/auth/password-reset': 'public',
  'GET /api/v1/auth/password-reset/{token}': 'public',
  'POST /api/v1/auth/password-reset/{token}': 'public',
  'POST /api/v1/auth/sso/start': 'public',
  'GET /api/v1/auth/sso/callback': 'public',
  'GET /api/v1/me': 'signed-in',
  'POST /api/v1/me/password': 'signed-in',
  'GET /api/v1/me/activity': 'signed-in',
  'GET /api/v1/me/licenses': 'signed-in',
  'GET /api/v1/me/places': 'signed-in',
  'GET /api/v1/me/sessions': 'signed-in',
  'DELETE /api/v1/me/sessions': 'signed-in',
  'DELETE /api/v1/me/sessions/{sessionId}': 'signed-in',
  'GET /api/v1/me/mfa': 'signed-in',
  'POST /api/v1/me/mfa/totp': 'signed-in',
  'POST /api/v1/me/mfa/totp/confirm': 'signed-in',
  'DELETE /api/v1/me/mfa/totp': 'signed-in',
  'POST /api/v1/me/mfa/recovery-codes': 'signed-in',
  'POST /api/v1/me/passkeys/registration': 'signed-in',
  'POST /api/v1/me/passkeys': 'signed-in',
  'PATCH /api/v1/me/passkeys/{id}': 'signed-in',
  'DELETE /api/v1/me/passkeys/{id}': 'signed-in',
  'GET /api/v1/products': 'signed-in',

  'GET /api/v1/invitations/{token}': 'public',
  'POST /api/v1/invitations/{token}/accept': 'public',

  'GET /api/v1/users': 'owner',
  'POST /api/v1/users': 'owner',
  'GET /api/v1/users/{id}': 'owner',
  'PATCH /api/v1/users/{id}': 'owner',
  'POST /api/v1/users/{id}/deactivate': 'owner',
  'GET /api/v1/users/{id}/export': 'owner',
  'POST /api/v1/users/{id}/erase': 'owner',
  'POST /api/v1/users/{id}/reactivate': 'owner',
  'POST /api/v1/users/{id}/invitation': 'owner',
  'DELETE /api/v1/users/{id}/mfa': 'owner',
  'GET /api/v1/users/{id}/activity': 'owner',
  'GET /api/v1/users/{id}/licenses': 'owner',
  'GET /api/v1/users/{id}/places': 'owner',
  'GET /api/v1/users/{id}/sessions': 'owner',
  'DELETE /api/v1/users/{id}/sessions': 'owner',
  'DELETE /api/v1/users/{id}/sessions/{sessionId}': 'owner',

  'GET /api/v1/sign-ins': 'owner',
  'GET /api/v1/sign-ins/{id}': 'owner',
  'GET /api/v1/audit-log': 'owner',
  'GET /api/v1/users/{id}/released-seats': 'owner',
  'POST /api/v1/users/bulk/assign-seat': 'owner',
  'POST /api/v1/users/bulk/unassign-seat': 'owner',
  'POST /api/v1/users/bulk/deactivate': 'owner',
  'POST /api/v1/users/bulk/export': 'owner',
  'POST /api/v1/users/import': 'owner',
  'POST /api/v1/events': 'owner',

  'GET /api/v1/subscriptions': 'owner',
  'GET /api/v1/subscriptions/{id}': 'owner',
  'GET /api/v1/subscriptions/{id}/assignments': 'owner',
  'POST /api/v1/subscriptions/{id}/assignments': 'owner',
  'DELETE /api/v1/subscriptions/{id}/assignments/{userId}': 'owner',
  'POST /api/v1/subscriptions/{id}/assignments/{userId}/reassign': 'owner',
  'POST /api/v1/subscriptions/{id}/cancel': 'owner',
  'POST /api/v1/subscriptions/{id}/resume': 'owner',
  'GET /api/v1/subscriptions/{id}/reclaim-preview': 'owner',
  'GET /api/v1/subscriptions/{id}/reclaims': 'owner',
  'POST /api/v1/subscriptions/{id}/reclaims/{assignmentId}/undo': 'owner',
  'GET /api/v1/subscriptions/{id}/leases': 'owner',
  'DELETE /api/v1/subscriptions/{id}/leases/{leaseId}': 'owner',
  'PATCH /api/v1/subscriptions/{id}/seat-rules': 'owner',

  'GET /api/v1/organization': 'owner',
  'PATCH /api/v1/organization': 'owner',
  'GET /api/v1/alerts': 'owner',
  'GET /api/v1/alerts/{id}': 'owner',
  'PATCH /api/v1/alerts/{id}': 'owner',
  'GET /api/v1/organization/security': 'owner',
  'PATCH /api/v1/organization/security': 'owner',
  'GET /api/v1/organization/privacy': 'owner',
  'PATCH /api/v1/organization/privacy': 'owner',
  'GET /api/v1/organization/sso': 'owner',
  'PUT /api/v1/organization/sso': 'owner',
  'DELETE /api/v1/organization/sso': 'owner',
  'GET /api/v1/notifications/status': 'owner',
  'GET /api/v1/webhooks': 'owner',
  'POST /api/v1/webhooks': 'owner',
  'PATCH /api/v1/webhooks/{id}': 'owner',
  'DELETE /api/v1/webhooks/{id}': 'owner',
  'POST /api/v1/webhooks/{id}/rotate-secret': 'owner',
  'POST /api/v1/webhooks/{id}/test': 'owner',
  'GET /api/v1/webhooks/{id}/deliveries': 'owner',
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry': 'owner',
  'GET /api/v1/api-tokens': 'owner',
  'POST /api/v1/api-tokens': 'owner',
  'DELETE /api/v1/api-tokens/{id}': 'owner',
  'GET /api/v1/sign-in-confirmations/{token}': 'public',
  'POST /api/v1/sign-in-confirmations/{token}/not-me': 'public',

  'GET /api/v1/reports/logins': 'owner',
  'GET /api/v1/reports/app-usage': 'owner',
  'GET /api/v1/reports/licenses': 'owner',
  'GET /api/v1/reports/inactive-users': 'owner',
  'GET /api/v1/reports/underused-licenses': 'owner',
  'GET /api/v1/reports/security': 'owner',
  'GET /api/v1/reports/deactivations': 'owner',
  'GET /api/v1/reports/license-sharing': 'owner',
  'GET /api/v1/reports/denials': 'owner',
  'GET /api/v1/reports/demand': 'owner',
  'GET /api/v1/overview': 'owner',

  'POST /api/v1/app/sessions': 'public',
  'POST /api/v1/app/sessions/current/heartbeat': 'app-token',
  'DELETE /api/v1/app/sessions/current': 'app-token',
  'POST /api/v1/app/device-authorizations': 'public',
  'POST /api/v1/app/sessions/current/borrow': 'app-token',
  // The bearer is a lease file, which only an app holding a borrowed seat has.
  'POST /api/v1/app/borrowings/current/return': 'app-token',
  'GET /api/v1/app/borrowings/current': 'app-token',
  'GET /api/v1/license-keys': 'public',
  'POST /api/v1/organization/license-keys/rotate': 'owner',
  'GET /api/v1/device-authorizations/{userCode}': 'signed-in',
  'POST /api/v1/device-authorizations/{userCode}/approve': 'signed-in',
  'POST /api/v1/device-authorizations/{userCode}/deny': 'signed-in',
};

export type Role = 'anonymous' | 'member' | 'owner' | 'otherOwner';
export const ROLES: readonly Role[] = ['anonymous', 'member', 'owner', 'otherOwner'];

/** Whether `role` holding its own credentials (cookie, or its own app session's token) may call a route. */
export function mayCall(access: Access, role: Role): boolean {
  switch (access) {
    case 'public':
      return true;
    case 'signed-in':
    case 'app-token':
      return role !== 'anonymous';
    case 'owner':
      return role === 'owner' || role === 'otherOwner';
  }
}

/** The refusal a caller without access gets for a valid request. */
export function refusalFor(access: Access, role: Role): 401 | 403 | undefined {
  if (mayCall(access, role)) return undefined;
  return role === 'anonymous' ? 401 : 403;
}
