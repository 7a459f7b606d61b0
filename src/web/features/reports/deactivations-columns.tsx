import { Text } from '@mantine/core';
import type { DeactivationsRow } from '../../../contract/reports';
import { viewerTimeZone } from '../../lib/format-date';
import { deactivationReasonLabel } from '../users/deactivation-reasons';
import type { ReportColumn } from './report-column';
import { UserCell } from './user-cell';

export const deactivationsColumns: ReportColumn<DeactivationsRow>[] = [
  {
    key: 'name',
    wrap: true,
    label: 'User',
    kind: 'text',
    value: (row) => row.name,
    render: (row) => <UserCell userId={row.userId} name={row.name} email={row.email} />,
  },
  {
    key: 'deactivatedAt',
    secondary: true,
    label: `Deactivated (${viewerTimeZone()})`,
    kind: 'date',
    value: (row) => row.deactivatedAt,
  },
  { key: 'reason', label: 'Reason', kind: 'text', wrap: true, value: (row) => deactivationReasonLabel(row.reason) },
  {
    key: 'note',
    secondary: true,
    label: 'Note',
    kind: 'text',
    wrap: true,
    value: (row) => row.note,
    render: (row) =>
      row.note ? (
        <Text size="sm" lineClamp={2} title={row.note} maw={360}>
          {row.note}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          —
        </Text>
      ),
  },
];
