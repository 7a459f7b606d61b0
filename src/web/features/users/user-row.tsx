import { Anchor, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import type { MouseEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { UserListItem } from '../../../contract/users';
import { formatDate, formatDateTimeWithZone } from '../../lib/format-date';
import { RelativeTime } from '../../lib/relative-time';
import { RoleBadge } from './role-badge';
import { UserLicenseBadges } from './user-license-badges';
import { UserStatusBadge } from './user-status-badge';
import { FULL_TABLE_FROM } from './users-table-layout';

interface UserRowProps {
  user: UserListItem;
  selected: boolean;
  onToggle: (user: UserListItem) => void;
}

/**
 * The whole row opens the user for mouse users; the name is the link keyboard and screen-reader users follow,
 * the checkbox selects the user for a bulk action. Below FULL_TABLE_FROM the columns fold into one cell.
 */
export function UserRow({ user, selected, onToggle }: UserRowProps) {
  const navigate = useNavigate();
  const location = useLocation();
  const to = `/users/${user.id}`;
  const state = { from: `${location.pathname}${location.search}` };

  const openRow = (event: MouseEvent<HTMLTableRowElement>) => {
    if ((event.target as HTMLElement).closest('a, button, input, label, [data-select-cell]')) return;
    navigate(to, { state });
  };

  const name = (
    <Anchor component={Link} to={to} state={state} fw={500} size="sm">
      {user.name}
    </Anchor>
  );
  const email = (
    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
      {user.email}
    </Text>
  );

  return (
    <Table.Tr
      onClick={openRow}
      // Selected: a bar on the left and the grey the theme keeps every text colour readable on.
      style={{
        cursor: 'pointer',
        ...(selected
          ? {
              background: 'var(--mantine-color-gray-1)',
              boxShadow: 'inset 3px 0 0 var(--mantine-primary-color-filled)',
            }
          : {}),
      }}
    >
      <Table.Td w={44} data-select-cell style={{ cursor: 'default' }}>
        <Checkbox aria-label={`Select ${user.name}`} checked={selected} onChange={() => onToggle(user)} size="sm" />
      </Table.Td>
      {/* Phones and narrow windows: one cell that says it all. */}
      <Table.Td hiddenFrom={FULL_TABLE_FROM}>
        <Stack gap={4} miw={0}>
          <div>
            {name}
            {email}
          </div>
          <Group gap={4} wrap="wrap">
            <RoleBadge role={user.role} />
            <UserStatusBadge user={user} />
          </Group>
          <UserLicenseBadges licenses={user.licenses} />
          <Text size="xs" c="dimmed">
            Last sign-in <RelativeTime iso={user.lastLoginAt} fallback="never" span size="xs" c="dimmed" />
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td visibleFrom={FULL_TABLE_FROM}>
        <Stack gap={0} miw={0}>
          {name}
          {email}
        </Stack>
      </Table.Td>
      <Table.Td visibleFrom={FULL_TABLE_FROM}>
        <RoleBadge role={user.role} />
      </Table.Td>
      <Table.Td visibleFrom={FULL_TABLE_FROM}>
        <UserStatusBadge user={user} />
      </Table.Td>
      <Table.Td visibleFrom={FULL_TABLE_FROM} maw={240}>
        <UserLicenseBadges licenses={user.licenses} />
      </Table.Td>
      <Table.Td visibleFrom={FULL_TABLE_FROM}>
        <RelativeTime iso={user.lastLoginAt} fallback="Never" />
      </Table.Td>
      <Table.Td visibleFrom={FULL_TABLE_FROM}>
        <RelativeTime iso={user.lastAppUseAt} fallback="Never" />
      </Table.Td>
      <Table.Td visibleFrom={FULL_TABLE_FROM}>
        <Text size="sm" component="time" dateTime={user.createdAt} title={formatDateTimeWithZone(user.createdAt)}>
          {formatDate(user.createdAt)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
