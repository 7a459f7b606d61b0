import { Badge, DataList, Text } from '@mantine/core';
import type { SignInDetail } from '../../../contract/sign-ins';
import { formatDateTimeWithZone } from '../../lib/format-date';
import { formatDuration } from '../../lib/format-duration';
import { sessionEndReasonLabel } from '../activity/session-label';
import { DetailItem } from './detail-item';
import { DetailSection } from './detail-section';

interface AppSessionSectionProps {
  session: SignInDetail['appSession'];
  client: 'console' | 'app';
  appNames: ReadonlyMap<string, string>;
}

/** The period of app use this sign-in started: how long it lasted (or has run so far) and how it ended. */
export function AppSessionSection({ session, client, appNames }: AppSessionSectionProps) {
  if (!session) {
    return (
      <DetailSection title="App session">
        <Text size="sm" c="dimmed">
          {client === 'console'
            ? 'A sign-in to this console: it starts no app session.'
            : 'This attempt started no app session.'}
        </Text>
      </DetailSection>
    );
  }
  const reason = sessionEndReasonLabel(session.endReason);
  return (
    <DetailSection title="App session">
      <DataList labelWidth={130} size="sm">
        <DetailItem label="App">{appNames.get(session.app) ?? session.app}</DetailItem>
        <DetailItem label="Started">{formatDateTimeWithZone(session.startedAt)}</DetailItem>
        <DetailItem label="Duration">
          {session.active ? (
            <>
              <Badge color="blue" variant="light" mr={6}>
                In use
              </Badge>
              {`for ${formatDuration(session.durationSeconds)}`}
            </>
          ) : (
            formatDuration(session.durationSeconds)
          )}
        </DetailItem>
        {session.endedAt && (
          <DetailItem label="Ended">{`${formatDateTimeWithZone(session.endedAt)}${reason ? ` (${reason})` : ''}`}</DetailItem>
        )}
        <DetailItem label="Last heartbeat">{formatDateTimeWithZone(session.lastHeartbeatAt)}</DetailItem>
      </DataList>
    </DetailSection>
  );
}
