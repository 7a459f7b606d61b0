import { Group, Paper, Stack } from '@mantine/core';
import type { ActivityItem } from '../../../contract/activity';
import { DeviceCell } from './device-cell';
import { IpCell } from './ip-cell';
import { LocationCell } from './location-cell';
import { OutcomeBadge } from './outcome-badge';
import { RiskBadges } from './risk-badges';
import { SignInDetailsButton } from './sign-in-details-button';
import { signInIdOf } from './sign-in-id';
import { TimeCell } from './time-cell';

interface ActivityCardProps {
  item: ActivityItem;
  appNames?: ReadonlyMap<string, string>;
  onOpenSignIn?: (id: string) => void;
}

/** One entry on a phone: the table's cells stacked, so nothing scrolls sideways; sign-ins have a "Details" button. */
export function ActivityCard({ item, appNames, onOpenSignIn }: ActivityCardProps) {
  const signInId = onOpenSignIn ? signInIdOf(item) : null;
  return (
    <Paper withBorder p="sm" component="li" style={{ listStyle: 'none' }}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <TimeCell iso={item.occurredAt} />
          <OutcomeBadge item={item} />
        </Group>
        <DeviceCell item={item} appNames={appNames} />
        <IpCell item={item} />
        <LocationCell location={item.location} />
        <RiskBadges risk={item.risk} details={item.riskDetails} />
        {signInId && onOpenSignIn && (
          <SignInDetailsButton signInId={signInId} occurredAt={item.occurredAt} onOpen={onOpenSignIn} />
        )}
      </Stack>
    </Paper>
  );
}
