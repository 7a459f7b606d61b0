import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { LicensesRow } from '../../../contract/reports';
import { SubscriptionStatusBadge } from '../subscriptions/subscription-status-badge';
import { ExpiryCell } from './expiry-cell';
import type { ReportColumn } from './report-column';
import { formatCents, formatCount } from './report-format';

const subscription: ReportColumn<LicensesRow> = {
  key: 'appName',
  label: 'Subscription',
  kind: 'text',
  value: (row) => row.appName,
  render: (row) => (
    <Anchor component={Link} to={`/billing/${encodeURIComponent(row.subscriptionId)}`} size="sm" fw={500}>
      {row.appName}
    </Anchor>
  ),
};

const status: ReportColumn<LicensesRow> = {
  key: 'status',
  secondary: true,
  label: 'Status',
  kind: 'text',
  value: (row) => row.status,
  render: (row) => <SubscriptionStatusBadge status={row.status} expiresAt={row.expiresAt} />,
};

const expires: ReportColumn<LicensesRow> = {
  key: 'expiresAt',
  label: 'Ends or renews',
  kind: 'date',
  value: (row) => row.expiresAt,
  render: (row) => <ExpiryCell expiresAt={row.expiresAt} daysUntilExpiry={row.daysUntilExpiry} />,
};

const autoRenew: ReportColumn<LicensesRow> = {
  key: 'autoRenew',
  secondary: true,
  label: 'Auto-renew',
  kind: 'text',
  value: (row) => (row.autoRenew ? 'Yes' : 'No'),
};

/** Purchased seats against the recommendation: fewer would do when the peak stays well below. */
function RecommendedSeats({ row }: { row: LicensesRow }) {
  const spare = row.seats - row.recommendedSeats;
  return (
    <>
      {formatCount(row.recommendedSeats)}
      {spare > 0 && (
        <Text size="xs" c="dimmed">
          {formatCount(spare)} fewer than bought
        </Text>
      )}
    </>
  );
}

export function licensesColumns(usedWithinDays: number): ReportColumn<LicensesRow>[] {
  return [
    subscription,
    status,
    { key: 'seats', secondary: true, label: 'Purchased', kind: 'number', value: (row) => row.seats },
    { key: 'assigned', label: 'Assigned', kind: 'number', value: (row) => row.assigned },
    { key: 'used', secondary: true, label: `Used (${usedWithinDays} d)`, kind: 'number', value: (row) => row.used },
    { key: 'idle', label: 'Idle', kind: 'number', value: (row) => row.idle },
    {
      key: 'idleCostCents',
      secondary: true,
      label: 'Idle cost',
      kind: 'number',
      value: (row) => row.idleCostCents,
      render: (row) => formatCents(row.idleCostCents, row.currency),
    },
    { key: 'peakUsed90d', secondary: true, label: 'Peak (90 d)', kind: 'number', value: (row) => row.peakUsed90d },
    {
      key: 'recommendedSeats',
      secondary: true,
      label: 'Recommended',
      kind: 'number',
      value: (row) => row.recommendedSeats,
      render: (row) => <RecommendedSeats row={row} />,
    },
    { ...expires, secondary: true },
    autoRenew,
  ];
}

export const expiringSoonColumns: ReportColumn<LicensesRow>[] = [
  subscription,
  status,
  expires,
  { key: 'daysUntilExpiry', secondary: true, label: 'Days left', kind: 'number', value: (row) => row.daysUntilExpiry },
  autoRenew,
  { key: 'assigned', secondary: true, label: 'Seats assigned', kind: 'number', value: (row) => row.assigned },
];
