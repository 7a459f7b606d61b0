import { Text } from '@mantine/core';
import type { SecurityIp, SecurityRow } from '../../../contract/reports';
import { viewerTimeZone } from '../../lib/format-date';
import type { ReportColumn } from './report-column';
import { UserCell } from './user-cell';

const zone = viewerTimeZone();

export const securityUserColumns: ReportColumn<SecurityRow>[] = [
  {
    key: 'name',
    wrap: true,
    label: 'User',
    kind: 'text',
    value: (row) => row.name,
    render: (row) => <UserCell userId={row.userId} name={row.name} email={row.email} tab="activity" />,
  },
  { key: 'failed', label: 'Failed', kind: 'number', value: (row) => row.failed },
  { key: 'throttled', label: 'Throttled', kind: 'number', value: (row) => row.throttled },
  {
    key: 'distinctCountries',
    secondary: true,
    label: 'Countries',
    kind: 'number',
    value: (row) => row.distinctCountries,
  },
  { key: 'distinctDevices', secondary: true, label: 'Devices', kind: 'number', value: (row) => row.distinctDevices },
  {
    key: 'lastFailureAt',
    secondary: true,
    label: `Last failure (${zone})`,
    kind: 'date',
    value: (row) => row.lastFailureAt,
  },
];

export const securityIpColumns: ReportColumn<SecurityIp>[] = [
  {
    key: 'ip',
    label: 'IP address',
    kind: 'text',
    value: (row) => row.ip,
    render: (row) => (
      <Text size="sm" ff="monospace">
        {row.ip}
      </Text>
    ),
  },
  { key: 'failed', label: 'Failed', kind: 'number', value: (row) => row.failed },
  { key: 'accounts', label: 'Accounts tried', kind: 'number', value: (row) => row.accounts },
  {
    key: 'lastFailureAt',
    secondary: true,
    label: `Last failure (${zone})`,
    kind: 'date',
    value: (row) => row.lastFailureAt,
  },
];
