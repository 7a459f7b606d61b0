import { DataList, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { User } from '../../../contract/users';
import { formatDateTimeWithZone } from '../../lib/format-date';
import { RelativeTime } from '../../lib/relative-time';
import { deactivationReasonLabel } from './deactivation-reasons';
import { RoleBadge } from './role-badge';
import { UserStatusBadge } from './user-status-badge';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

function ExactTime({ iso }: { iso: string }) {
  return (
    <>
      <Text span size="sm">
        {formatDateTimeWithZone(iso)}
      </Text>{' '}
      <Text span size="sm" c="dimmed">
        (<RelativeTime iso={iso} span c="dimmed" />)
      </Text>
    </>
  );
}

export function UserDetails({ user }: { user: User }) {
  return (
    <Paper withBorder p="lg" maw={720}>
      <DataList labelWidth={170}>
        <Item label="Name">{user.name}</Item>
        <Item label="Email">
          <Text span size="sm" style={{ overflowWrap: 'anywhere' }}>
            {user.email}
          </Text>
        </Item>
        <Item label="Role">
          <RoleBadge role={user.role} />
        </Item>
        <Item label="Status">
          <UserStatusBadge user={user} />
        </Item>
        <Item label="Created">
          <ExactTime iso={user.createdAt} />
        </Item>
        <Item label="Last sign-in">
          {user.lastLoginAt ? (
            <ExactTime iso={user.lastLoginAt} />
          ) : (
            <Text span size="sm" c="dimmed">
              Never
            </Text>
          )}
        </Item>
        <Item label="Last app use">
          {user.lastAppUseAt ? (
            <ExactTime iso={user.lastAppUseAt} />
          ) : (
            <Text span size="sm" c="dimmed">
              Never
            </Text>
          )}
        </Item>
        {user.status === 'deactivated' && (
          <>
            <Item label="Deactivated">{user.deactivatedAt ? <ExactTime iso={user.deactivatedAt} /> : 'Yes'}</Item>
            <Item label="Reason">{deactivationReasonLabel(user.deactivationReason) ?? 'Not given'}</Item>
            {user.deactivationNote && (
              <Item label="Note">
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {user.deactivationNote}
                </Text>
              </Item>
            )}
          </>
        )}
      </DataList>
    </Paper>
  );
}
