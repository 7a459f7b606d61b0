import { Anchor, Group } from '@mantine/core';
import { Link } from 'react-router';
import type { UnderusedLicensesRow } from '../../../contract/reports';
import { viewerTimeZone } from '../../lib/format-date';
import { ReassignSeatButton } from '../subscriptions/reassign-seat-button';
import { UnassignSeatButton } from '../subscriptions/unassign-seat-button';
import { DateOnly } from './date-only';
import type { ReportColumn } from './report-column';
import { UserCell } from './user-cell';

export const underusedLicensesColumns: ReportColumn<UnderusedLicensesRow>[] = [
  {
    key: 'name',
    wrap: true,
    label: 'Holder',
    kind: 'text',
    value: (row) => row.name,
    render: (row) => <UserCell userId={row.userId} name={row.name} email={row.email} tab="licenses" />,
  },
  {
    key: 'appName',
    label: 'App',
    kind: 'text',
    value: (row) => row.appName,
    render: (row) => (
      <Anchor component={Link} to={`/billing/${encodeURIComponent(row.subscriptionId)}`} size="sm">
        {row.appName}
      </Anchor>
    ),
  },
  { key: 'idleDays', label: 'Idle days', kind: 'number', value: (row) => row.idleDays },
  {
    key: 'lastUsedAt',
    secondary: true,
    label: `Last used (${viewerTimeZone()})`,
    kind: 'date',
    value: (row) => row.lastUsedAt,
  },
  {
    key: 'assignedAt',
    secondary: true,
    label: 'Assigned',
    kind: 'date',
    value: (row) => row.assignedAt,
    render: (row) => <DateOnly iso={row.assignedAt} />,
  },
  {
    key: 'actions',
    label: 'Actions',
    kind: 'text',
    value: () => null,
    sortable: false,
    hiddenLabel: true,
    render: (row) => (
      <Group gap={4} wrap="nowrap" justify="flex-end">
        <ReassignSeatButton
          subscriptionId={row.subscriptionId}
          productName={row.appName}
          user={{ id: row.userId, name: row.name }}
        />
        <UnassignSeatButton
          subscriptionId={row.subscriptionId}
          productName={row.appName}
          user={{ id: row.userId, name: row.name }}
        />
      </Group>
    ),
  },
];
