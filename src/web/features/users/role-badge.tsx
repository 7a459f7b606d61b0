import { Badge } from '@mantine/core';
import type { Role } from '../../../contract/auth';

/** `role` is any string where the contract says so (a report row): anything but owner reads as Member. */
export function RoleBadge({ role }: { role: Role | (string & {}) }) {
  return (
    <Badge variant="light" color={role === 'owner' ? 'grape' : 'gray'}>
      {role === 'owner' ? 'Owner' : 'Member'}
    </Badge>
  );
}
