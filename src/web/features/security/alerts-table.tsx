import { Table, VisuallyHidden } from '@mantine/core';
import type { Alert } from '../../../contract/security';
import { viewerTimeZone } from '../../lib/format-date';
import { SkeletonRows } from '../activity/skeleton-rows';
import { AlertRow } from './alert-row';

const COLUMNS = [
  { label: 'Severity', minWidth: 110 },
  { label: 'Alert', minWidth: 320 },
  { label: 'User', minWidth: 180 },
  { label: 'Address', minWidth: 140 },
  { label: 'Sign-ins', minWidth: 80 },
  { label: 'Last seen', minWidth: 190 },
  { label: 'Status', minWidth: 130 },
];
const SKELETON_ROWS = 6;

export function AlertsTable({
  alerts,
  loading,
  onOpen,
}: {
  alerts: Alert[];
  loading: boolean;
  onOpen: (id: string) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={COLUMNS.reduce((sum, column) => sum + column.minWidth, 0)}>
      <Table verticalSpacing="sm" highlightOnHover aria-busy={loading}>
        <VisuallyHidden component="caption">
          Alerts, most recently seen first. Press Enter on a row for its evidence and actions.
        </VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((column) => (
              <Table.Th key={column.label} scope="col" miw={column.minWidth}>
                {column.label === 'Last seen' ? `Last seen (${viewerTimeZone()})` : column.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading ? (
            <SkeletonRows rows={SKELETON_ROWS} columns={COLUMNS.length} cellWidth={() => '75%'} />
          ) : (
            alerts.map((alert) => <AlertRow key={alert.id} alert={alert} onOpen={onOpen} />)
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
