import { Table } from '@mantine/core';
import type { KeyboardEvent, MouseEvent } from 'react';
import type { ActivityItem } from '../../../contract/activity';
import { DeviceCell } from './device-cell';
import { IpCell } from './ip-cell';
import { LocationCell } from './location-cell';
import { OutcomeBadge } from './outcome-badge';
import { RiskBadges } from './risk-badges';
import { signInIdOf } from './sign-in-id';
import { TimeCell } from './time-cell';

interface ActivityRowProps {
  item: ActivityItem;
  appNames?: ReadonlyMap<string, string>;
  /** Opens a sign-in's detail drawer; without it (a member's own page) rows open nothing. */
  onOpenSignIn?: (id: string) => void;
}

/**
 * A sign-in row opens its detail when clicked, or when focused and Enter or Space is pressed; app-session rows
 * have no detail and are not focusable.
 */
export function ActivityRow({ item, appNames, onOpenSignIn }: ActivityRowProps) {
  const signInId = onOpenSignIn ? signInIdOf(item) : null;
  const opens = signInId !== null && onOpenSignIn !== undefined;
  const onClick = (event: MouseEvent<HTMLTableRowElement>) => {
    if (!opens || (event.target as HTMLElement).closest('a, button')) return;
    onOpenSignIn(signInId);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (!opens || event.target !== event.currentTarget || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    onOpenSignIn(signInId);
  };

  return (
    <Table.Tr
      {...(opens && {
        tabIndex: 0,
        onClick,
        onKeyDown,
        'data-sign-in-id': signInId,
        className: 'mantine-focus-auto',
        style: { cursor: 'pointer', outlineOffset: -2 },
      })}
    >
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
        <RiskBadges risk={item.risk} details={item.riskDetails} />
      </Table.Td>
    </Table.Tr>
  );
}
