import { Badge, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconApps, IconBrowser } from '@tabler/icons-react';
import type { UserSession } from '../../../contract/user-sessions';
import { formatDateTime, viewerTimeZone } from '../../lib/format-date';
import { useWideTableMinWidth, WIDE_FROM } from '../../lib/phone-layout';
import { RelativeTime } from '../../lib/relative-time';
import { describeDevice, describePlace, kindLabel } from './describe-session';

interface SessionsTableProps {
  sessions: UserSession[];
  /** The table's accessible name, e.g. "Sessions of Dana". */
  label: string;
  onEnd: (session: UserSession) => void;
  /** The session being ended (its button spins). */
  ending: string | null;
}

/** Live sessions: kind, device, address, place, started and last seen (viewer's zone), and End per row. */
export function SessionsTable({ sessions, label, onEnd, ending }: SessionsTableProps) {
  const minWidth = useWideTableMinWidth(900);
  return (
    // Focusable and named: on a phone the table scrolls sideways, and a row without an End button
    // (this browser's) would leave a keyboard user no way to scroll it (WCAG 2.1.1).
    <Table.ScrollContainer minWidth={minWidth} type="native" tabIndex={0} role="region" aria-label={label}>
      <Table verticalSpacing="sm" highlightOnHover aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Device</Table.Th>
            <Table.Th scope="col" visibleFrom={WIDE_FROM}>
              Address
            </Table.Th>
            <Table.Th scope="col">Place</Table.Th>
            <Table.Th scope="col" visibleFrom={WIDE_FROM}>
              Started ({viewerTimeZone()})
            </Table.Th>
            <Table.Th scope="col">Last seen</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((session) => (
            <SessionRow key={session.id} session={session} onEnd={onEnd} ending={ending === session.id} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function SessionRow({
  session,
  onEnd,
  ending,
}: {
  session: UserSession;
  onEnd: (session: UserSession) => void;
  ending: boolean;
}) {
  const device = describeDevice(session);
  const Icon = session.kind === 'app' ? IconApps : IconBrowser;
  return (
    <Table.Tr>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Icon size={18} aria-hidden />
          <div>
            <Text size="sm">{device}</Text>
            <Group gap={6}>
              <Text size="xs" c="dimmed">
                {kindLabel(session)} · {session.device.type}
              </Text>
              {session.current && (
                <Badge size="xs" variant="light" color="teal">
                  This browser
                </Badge>
              )}
            </Group>
          </div>
        </Group>
      </Table.Td>
      <Table.Td visibleFrom={WIDE_FROM}>
        <Text size="sm" ff="monospace">
          {session.ip ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{describePlace(session) ?? 'Unknown'}</Text>
      </Table.Td>
      <Table.Td visibleFrom={WIDE_FROM}>
        <Text size="sm" component="time" dateTime={session.startedAt}>
          {formatDateTime(session.startedAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={session.lastSeenAt} />
      </Table.Td>
      <Table.Td>
        {!session.current && (
          <Button
            size="xs"
            variant="subtle"
            color="red"
            loading={ending}
            onClick={() => onEnd(session)}
            aria-label={`End session: ${device}`}
          >
            End
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
