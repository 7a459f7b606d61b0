import { Badge } from '@mantine/core';
import type { Role } from '../../../contract/auth';

/**
 * `role` is any string where the contract says so (a report row): anything but owner reads as Member. Never
 * narrower than its word: a squeezed table column must not cut it to "OWN…".
 */
export function RoleBadge({ role }: { role: Role | (string & {}) }) {
  return (
    <Badge variant="light" color={role === 'owner' ? 'grape' : 'gray'} miw="max-content">
      {role === 'owner' ? 'Owner' : 'Member'}
    </Badge>
  );
}
