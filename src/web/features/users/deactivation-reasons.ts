import type { DeactivationReason } from '../../../contract/users';

export const deactivationReasons: { value: DeactivationReason; label: string }[] = [
  { value: 'no_longer_requires_access', label: 'No longer requires access' },
  { value: 'left_organization', label: 'Left the organization' },
  { value: 'security_compliance', label: 'Security and compliance' },
  { value: 'license_reassignment', label: 'License reassignment' },
  { value: 'policy_violation', label: 'Account misuse or policy violation' },
  { value: 'other', label: 'Other' },
];

export function deactivationReasonLabel(reason: string | null): string | null {
  if (!reason) return null;
  return deactivationReasons.find((item) => item.value === reason)?.label ?? reason;
}
