import type { LoginsRow } from '../../../contract/reports';
import { viewerTimeZone } from '../../lib/format-date';
import { UserStatusBadge } from '../users/user-status-badge';
import type { ReportColumn } from './report-column';
import { UserCell } from './user-cell';

export const loginsColumns: ReportColumn<LoginsRow>[] = [
  {
    key: 'name',
    wrap: true,
    label: 'User',
    kind: 'text',
    value: (row) => row.name,
    render: (row) => <UserCell userId={row.userId} name={row.name} email={row.email} tab="activity" />,
  },
  {
    key: 'status',
    secondary: true,
    label: 'Status',
    kind: 'text',
    value: (row) => row.status,
    render: (row) => <UserStatusBadge user={{ status: row.status, invitationPending: false }} />,
  },
  { key: 'total', label: 'Total', kind: 'number', value: (row) => row.total },
  { key: 'successful', secondary: true, label: 'Successful', kind: 'number', value: (row) => row.successful },
  { key: 'failed', label: 'Failed', kind: 'number', value: (row) => row.failed },
  {
    key: 'lastSignInAt',
    secondary: true,
    label: `Last sign-in (${viewerTimeZone()})`,
    kind: 'date',
    value: (row) => row.lastSignInAt,
  },
  { key: 'distinctDevices', secondary: true, label: 'Devices', kind: 'number', value: (row) => row.distinctDevices },
  {
    key: 'distinctCountries',
    secondary: true,
    label: 'Countries',
    kind: 'number',
    value: (row) => row.distinctCountries,
  },
];
