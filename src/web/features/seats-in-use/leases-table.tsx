import { Badge, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { Lease } from '../../../contract/leases';
import { formatDateTimeWithZone, viewerTimeZone } from '../../lib/format-date';
import { useWideTableMinWidth, WIDE_FROM } from '../../lib/phone-layout';
import { RelativeTime } from '../../lib/relative-time';
import { deviceLabel, ReleaseLeaseButton } from './release-lease-button';

function place(lease: Lease): string {
  const where = [lease.location?.city, lease.location?.country].filter(Boolean).join(', ');
  return where || lease.ip || '—';
}

function StateCell({ lease }: { lease: Lease }) {
  if (lease.state === 'borrowed' && lease.borrowedUntil) {
    return (
      <Stack gap={2}>
        <Badge color="grape" variant="light">
          Borrowed
        </Badge>
        <Text size="xs" c="dimmed">
          until{' '}
          <time dateTime={lease.borrowedUntil} title={formatDateTimeWithZone(lease.borrowedUntil)}>
            {formatDateTimeWithZone(lease.borrowedUntil)}
          </time>
        </Text>
      </Stack>
    );
  }
  return (
    <Badge color="teal" variant="light">
      Online
    </Badge>
  );
}

/** Who holds which seat on which machine; on phones the user, state and Release stay. */
export function LeasesTable({ leases, productName }: { leases: Lease[]; productName: string }) {
  const minWidth = useWideTableMinWidth(980);
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing="sm" highlightOnHover aria-label={`Seats in use of ${productName}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">User</Table.Th>
            <Table.Th scope="col" visibleFrom={WIDE_FROM}>
              Device
            </Table.Th>
            <Table.Th scope="col" visibleFrom={WIDE_FROM}>
              App version
            </Table.Th>
            <Table.Th scope="col" visibleFrom={WIDE_FROM}>
              Place
            </Table.Th>
            <Table.Th scope="col" visibleFrom={WIDE_FROM}>
              Since ({viewerTimeZone()})
            </Table.Th>
            <Table.Th scope="col" visibleFrom={WIDE_FROM}>
              Last heartbeat
            </Table.Th>
            <Table.Th scope="col">State</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {leases.map((lease) => (
            <Table.Tr key={lease.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {lease.user.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {lease.user.email}
                </Text>
              </Table.Td>
              <Table.Td visibleFrom={WIDE_FROM}>
                <Text size="sm">{deviceLabel(lease)}</Text>
                {lease.device.os && (
                  <Text size="xs" c="dimmed">
                    {[lease.device.os, lease.device.osVersion].filter(Boolean).join(' ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td visibleFrom={WIDE_FROM}>{lease.appVersion ?? '—'}</Table.Td>
              <Table.Td visibleFrom={WIDE_FROM}>
                <Text size="sm">{place(lease)}</Text>
                {lease.ip && place(lease) !== lease.ip && (
                  <Text size="xs" c="dimmed" ff="monospace">
                    {lease.ip}
                  </Text>
                )}
              </Table.Td>
              <Table.Td visibleFrom={WIDE_FROM}>
                <RelativeTime iso={lease.takenAt} />
                <Text size="xs" c="dimmed">
                  {formatDateTimeWithZone(lease.takenAt)}
                </Text>
              </Table.Td>
              <Table.Td visibleFrom={WIDE_FROM}>
                <RelativeTime iso={lease.lastHeartbeatAt} fallback={lease.state === 'borrowed' ? 'Offline' : '—'} />
                {lease.lastHeartbeatAt && (
                  <Text size="xs" c="dimmed">
                    {formatDateTimeWithZone(lease.lastHeartbeatAt)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <StateCell lease={lease} />
              </Table.Td>
              <Table.Td>
                <ReleaseLeaseButton lease={lease} productName={productName} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
