import { Anchor, Stack, Table, Text } from '@mantine/core';
import type { MouseEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { User } from '../../../contract/users';
import { formatDate, formatDateTimeWithZone } from '../../lib/format-date';
import { RelativeTime } from '../../lib/relative-time';
import { RoleBadge } from './role-badge';
import { UserStatusBadge } from './user-status-badge';

/** The whole row opens the user for mouse users; the name is the link keyboard and screen-reader users follow. */
export function UserRow({ user }: { user: User }) {
  const navigate = useNavigate();
  const location = useLocation();
  const to = `/users/${user.id}`;
  const state = { from: `${location.pathname}${location.search}` };

  const openRow = (event: MouseEvent<HTMLTableRowElement>) => {
    if ((event.target as HTMLElement).closest('a, button')) return;
    navigate(to, { state });
  };

  return (
    <Table.Tr onClick={openRow} style={{ cursor: 'pointer' }}>
      <Table.Td>
        <Stack gap={0}>
          <Anchor component={Link} to={to} state={state} fw={500} size="sm">
            {user.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {user.email}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <RoleBadge role={user.role} />
      </Table.Td>
      <Table.Td>
        <UserStatusBadge user={user} />
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={user.lastLoginAt} fallback="Never" />
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={user.lastAppUseAt} fallback="Never" />
      </Table.Td>
      <Table.Td>
        <Text size="sm" component="time" dateTime={user.createdAt} title={formatDateTimeWithZone(user.createdAt)}>
          {formatDate(user.createdAt)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
