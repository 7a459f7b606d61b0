import type { AppUsageApp, AppUsageRow } from '../../../contract/reports';
import type { ReportColumn } from './report-column';
import { formatHours } from './report-format';
import { UserCell } from './user-cell';

export const appUsageColumns: ReportColumn<AppUsageRow>[] = [
  {
    key: 'name',
    wrap: true,
    label: 'User',
    kind: 'text',
    value: (row) => row.name,
    render: (row) => <UserCell userId={row.userId} name={row.name} email={row.email} tab="activity" />,
  },
  { key: 'appName', label: 'App', kind: 'text', value: (row) => row.appName },
  { key: 'activeDays', secondary: true, label: 'Active days', kind: 'number', value: (row) => row.activeDays },
  { key: 'sessions', label: 'Sessions', kind: 'number', value: (row) => row.sessions },
  {
    key: 'hours',
    secondary: true,
    label: 'Hours',
    kind: 'number',
    value: (row) => row.hours,
    render: (row) => formatHours(row.hours),
  },
];

export const appUsageAppColumns: ReportColumn<AppUsageApp>[] = [
  { key: 'appName', label: 'App', kind: 'text', value: (row) => row.appName },
  { key: 'activeUsers', label: 'Active users', kind: 'number', value: (row) => row.activeUsers },
  { key: 'sessions', label: 'Sessions', kind: 'number', value: (row) => row.sessions },
  {
    key: 'hours',
    secondary: true,
    label: 'Hours',
    kind: 'number',
    value: (row) => row.hours,
    render: (row) => formatHours(row.hours),
  },
];
