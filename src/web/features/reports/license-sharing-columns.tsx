import { Stack, Text } from '@mantine/core';
import type { LicenseSharingRow } from '../../../contract/reports';
import { viewerTimeZone } from '../../lib/format-date';
import type { ReportColumn } from './report-column';
import { UserCell } from './user-cell';

const zone = viewerTimeZone();

function DevicePlace({ device, place }: { device: string | null; place: string | null }) {
  return (
    <Stack gap={0}>
      <Text size="sm">{device ?? 'Unnamed device'}</Text>
      <Text size="xs" c="dimmed">
        {place ?? 'Unknown place'}
      </Text>
    </Stack>
  );
}

export const licenseSharingColumns: ReportColumn<LicenseSharingRow>[] = [
  {
    key: 'name',
    wrap: true,
    label: 'User',
    kind: 'text',
    value: (row) => row.name,
    render: (row) => <UserCell userId={row.userId} name={row.name} email={row.email} tab="activity" />,
  },
  { key: 'appName', label: 'App', kind: 'text', value: (row) => row.appName },
  {
    key: 'firstDevice',
    secondary: true,
    label: 'In use on',
    kind: 'text',
    value: (row) => row.firstDevice,
    render: (row) => <DevicePlace device={row.firstDevice} place={row.firstPlace} />,
  },
  {
    key: 'secondDevice',
    secondary: true,
    label: 'And at the same time on',
    kind: 'text',
    value: (row) => row.secondDevice,
    render: (row) => <DevicePlace device={row.secondDevice} place={row.secondPlace} />,
  },
  { key: 'distanceKm', secondary: true, label: 'Apart (km)', kind: 'number', value: (row) => row.distanceKm },
  {
    key: 'overlapStartedAt',
    secondary: true,
    label: `Overlap from (${zone})`,
    kind: 'date',
    value: (row) => row.overlapStartedAt,
  },
  { key: 'overlapMinutes', label: 'Overlap (min)', kind: 'number', value: (row) => row.overlapMinutes },
];
