import { Table } from '@mantine/core';
import type { ActivityItem } from '../../../contract/activity';
import { DeviceCell } from './device-cell';
import { IpCell } from './ip-cell';
import { LocationCell } from './location-cell';
import { OutcomeBadge } from './outcome-badge';
import { RiskBadges } from './risk-badges';
import { TimeCell } from './time-cell';

export function ActivityRow({ item, appNames }: { item: ActivityItem; appNames?: ReadonlyMap<string, string> }) {
  return (
    <Table.Tr>
      <Table.Td>
        <TimeCell iso={item.occurredAt} />
      </Table.Td>
      <Table.Td>
        <OutcomeBadge item={item} />
      </Table.Td>
      <Table.Td>
        <DeviceCell item={item} appNames={appNames} />
      </Table.Td>
      <Table.Td>
        <IpCell item={item} />
      </Table.Td>
      <Table.Td>
        <LocationCell location={item.location} />
      </Table.Td>
      <Table.Td>
        <RiskBadges risk={item.risk} />
      </Table.Td>
    </Table.Tr>
  );
}
