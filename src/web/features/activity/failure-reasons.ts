const failureReasonLabels: Record<string, string> = {
  invalid_password: 'Wrong password',
  unknown_account: 'Unknown account',
  deactivated: 'Account deactivated',
  invitation_pending: 'Invitation not accepted yet',
  throttled: 'Too many attempts',
  no_license: 'No seat for this app',
  wrong_current_password: 'Wrong current password (password change)',
};

export function failureReasonLabel(reason: string | null): string | null {
  if (!reason) return null;
  return failureReasonLabels[reason] ?? humanize(reason);
}

/** "impossible_travel" → "Impossible travel" */
export function humanize(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
