import { Table, Text } from '@mantine/core';
import type { KeyboardEvent, MouseEvent } from 'react';
import type { Alert } from '../../../contract/security';
import { AlertAddressCell, AlertLastSeenCell, AlertSummaryCell, AlertUserCell } from './alert-cells';
import { AlertStatusBadge } from './alert-status-badge';
import { SeverityBadge } from './severity-badge';

/** A row opens the alert's drawer on click, or on Enter or Space when focused; its links still go where they say. */
export function AlertRow({ alert, onOpen }: { alert: Alert; onOpen: (id: string) => void }) {
  const onClick = (event: MouseEvent<HTMLTableRowElement>) => {
    if ((event.target as HTMLElement).closest('a, button')) return;
    onOpen(alert.id);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (event.target !== event.currentTarget || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    onOpen(alert.id);
  };
  return (
    <Table.Tr
      tabIndex={0}
      onClick={onClick}
      onKeyDown={onKeyDown}
      data-alert-id={alert.id}
      className="mantine-focus-auto"
      style={{ cursor: 'pointer', outlineOffset: -2 }}
    >
      <Table.Td>
        <SeverityBadge severity={alert.severity} />
      </Table.Td>
      <Table.Td>
        <AlertSummaryCell alert={alert} />
      </Table.Td>
      <Table.Td>
        <AlertUserCell alert={alert} />
      </Table.Td>
      <Table.Td>
        <AlertAddressCell alert={alert} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" ta="right">
          {alert.signInCount}
        </Text>
      </Table.Td>
      <Table.Td>
        <AlertLastSeenCell alert={alert} />
      </Table.Td>
      <Table.Td>
        <AlertStatusBadge status={alert.status} />
      </Table.Td>
    </Table.Tr>
  );
}
