import type { DenialsRow, DeniedUser } from '../../../contract/reports';
import { viewerTimeZone } from '../../lib/format-date';
import type { ReportColumn } from './report-column';
import { UserCell } from './user-cell';

export const denialsColumns: ReportColumn<DenialsRow>[] = [
  { key: 'appName', label: 'Product', kind: 'text', wrap: true, value: (row) => row.appName },
  { key: 'total', label: 'Denials', kind: 'number', value: (row) => row.total },
  { key: 'real', label: 'Turned away', kind: 'number', value: (row) => row.real },
  { key: 'seatOnRetry', label: 'Seat on retry', kind: 'number', value: (row) => row.seatOnRetry },
  { key: 'turnedAwayUsers', label: 'People turned away', kind: 'number', value: (row) => row.turnedAwayUsers },
  { key: 'poolFull', secondary: true, label: 'Pool full', kind: 'number', value: (row) => row.poolFull },
  { key: 'noSeat', secondary: true, label: 'No seat', kind: 'number', value: (row) => row.noSeat },
  { key: 'deviceLimit', secondary: true, label: 'Device limit', kind: 'number', value: (row) => row.deviceLimit },
  {
    key: 'subscriptionExpired',
    secondary: true,
    label: 'Expired',
    kind: 'number',
    value: (row) => row.subscriptionExpired,
  },
];

export const deniedUsersColumns: ReportColumn<DeniedUser>[] = [
  {
    key: 'name',
    wrap: true,
    label: 'User',
    kind: 'text',
    value: (row) => row.name,
    render: (row) => <UserCell userId={row.userId} name={row.name} email={row.email} />,
  },
  { key: 'real', label: 'Turned away', kind: 'number', value: (row) => row.real },
  { key: 'total', label: 'Denials', kind: 'number', value: (row) => row.total },
  { key: 'seatOnRetry', secondary: true, label: 'Seat on retry', kind: 'number', value: (row) => row.seatOnRetry },
  {
    key: 'lastDeniedAt',
    secondary: true,
    label: `Last denied (${viewerTimeZone()})`,
    kind: 'date',
    value: (row) => row.lastDeniedAt,
  },
];
