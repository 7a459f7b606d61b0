import { Badge } from '@mantine/core';
import type { ApiTokenStatus } from '../../../contract/api-tokens';

const LOOK: Record<ApiTokenStatus, { color: string; label: string }> = {
  active: { color: 'teal', label: 'Active' },
  expired: { color: 'gray', label: 'Expired' },
  revoked: { color: 'red', label: 'Revoked' },
};

export function ApiTokenStatusBadge({ status }: { status: ApiTokenStatus }) {
  const look = LOOK[status];
  return (
    <Badge color={look.color} variant="light">
      {look.label}
    </Badge>
  );
}
