import type { FailureReason } from '../../../contract/activity';

const failureReasonLabels: Record<FailureReason, string> = {
  invalid_password: 'Wrong password',
  unknown_account: 'Unknown account',
  deactivated: 'Account deactivated',
  invitation_pending: 'Invitation not accepted yet',
  throttled: 'Too many attempts',
  no_license: 'No seat for this app',
  wrong_current_password: 'Wrong current password (password change)',
  invalid_second_factor: 'Wrong code or passkey (second step)',
  blocked_by_risk: 'Blocked: looked risky',
  sso_required: 'Password refused: single sign-on only',
  browser_sign_in_required: 'App password refused: sign in through the browser',
  pool_full: 'Every floating seat was in use',
  device_limit: 'Seat already running on its device limit',
};

export function failureReasonLabel(reason: string | null): string | null {
  if (!reason) return null;
  return failureReasonLabels[reason as FailureReason] ?? humanize(reason);
}

const methodLabels: Record<string, string> = {
  password: 'Password',
  sso: 'Single sign-on',
  device_authorization: 'Approved in the browser',
  password_reset: 'Password reset link',
};
const factorLabels: Record<string, string> = {
  totp: 'authenticator code',
  passkey: 'passkey',
  recovery_code: 'recovery code',
};
const stepReasonLabels: Record<string, string> = {
  enrolled: 'the user has two-step verification',
  required: 'the organization requires it',
  risk: 'the sign-in looked risky',
};

/** "Password + passkey (asked: the sign-in looked risky)": how an attempt was proven, in the log's words. */
export function proofLabel(item: { method: string; secondFactor: string | null; stepReason: string | null }): string {
  const method = methodLabels[item.method] ?? humanize(item.method);
  if (!item.stepReason) return method;
  const factor = item.secondFactor ? (factorLabels[item.secondFactor] ?? item.secondFactor) : 'second step';
  return `${method} + ${factor} (asked: ${stepReasonLabels[item.stepReason] ?? item.stepReason})`;
}

/** "impossible_travel" → "Impossible travel" */
export function humanize(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
