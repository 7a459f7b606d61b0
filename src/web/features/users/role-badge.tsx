import { Badge } from '@mantine/core';
import type { Role } from './users.types';

export function RoleBadge({ role }: { role: Role }) {
  return (
    <Badge variant="light" color={role === 'owner' ? 'grape' : 'gray'}>
      {role === 'owner' ? 'Owner' : 'Member'}
    </Badge>
  );
}
