import { Button, DataList, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import type { SignInDetail } from '../../../contract/sign-ins';
import { formatDateTimeWithZone } from '../../lib/format-date';
import { describeDevice } from '../activity/device-label';
import { describeLocation } from '../activity/location-label';
import { OutcomeBadge } from '../activity/outcome-badge';
import { describeTravel } from './describe-travel';
import { DetailItem } from './detail-item';
import { DetailSection } from './detail-section';

interface PreviousSignInSectionProps {
  previous: SignInDetail['previous'];
  appNames: ReadonlyMap<string, string>;
  onOpen: (id: string) => void;
}

/** The same user's attempt before this one, and the step between them: how far, how long, how fast. */
export function PreviousSignInSection({ previous, appNames, onOpen }: PreviousSignInSectionProps) {
  if (!previous) {
    return (
      <DetailSection title="Previous sign-in">
        <Text size="sm" c="dimmed">
          None: this is the first attempt recorded for this account.
        </Text>
      </DetailSection>
    );
  }
  const { signIn } = previous;
  const travel = describeTravel(previous);
  return (
    <DetailSection title="Previous sign-in">
      <DataList labelWidth={130} size="sm">
        <DetailItem label="Time">{formatDateTimeWithZone(signIn.occurredAt)}</DetailItem>
        <DetailItem label="Outcome">
          <OutcomeBadge item={signIn} />
        </DetailItem>
        <DetailItem label="Place">{describeLocation(signIn.location)}</DetailItem>
        <DetailItem label="IP address">
          <Text span size="sm" ff="monospace">
            {signIn.ip}
          </Text>
        </DetailItem>
        <DetailItem label="Device">{describeDevice(signIn, appNames).primary}</DetailItem>
        <DetailItem label="Distance">{travel.distance}</DetailItem>
        <DetailItem label="Time between">{travel.elapsed}</DetailItem>
        <DetailItem label="Speed">{travel.speed}</DetailItem>
      </DataList>
      <Button
        variant="default"
        size="xs"
        leftSection={<IconHistory size={14} aria-hidden />}
        onClick={() => onOpen(signIn.id)}
        style={{ alignSelf: 'flex-start' }}
      >
        Open the previous sign-in
      </Button>
    </DetailSection>
  );
}
