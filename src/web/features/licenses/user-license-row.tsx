import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { License } from '../../../contract/licenses';
import { formatDate, formatDateTimeWithZone } from '../../lib/format-date';
import { WIDE_FROM } from '../../lib/phone-layout';
import { RelativeTime } from '../../lib/relative-time';
import { UnassignSeatButton } from '../subscriptions/unassign-seat-button';
import { LicenseStatus } from './license-status';

export function UserLicenseRow({ license, user }: { license: License; user: { id: string; name: string } }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/billing/${encodeURIComponent(license.subscriptionId)}`} size="sm" fw={500}>
          {license.product.name}
        </Anchor>
      </Table.Td>
      <Table.Td visibleFrom={WIDE_FROM}>
        <Text
          size="sm"
          component="time"
          dateTime={license.assignedAt}
          title={formatDateTimeWithZone(license.assignedAt)}
        >
          {formatDate(license.assignedAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <LicenseStatus license={license} />
        {license.subscriptionStatus === 'active' && (
          <Text size="xs" c="dimmed" mt={4}>
            Renews {formatDate(license.expiresAt)}
          </Text>
        )}
      </Table.Td>
      <Table.Td visibleFrom={WIDE_FROM}>
        <RelativeTime iso={license.lastUsedAt} fallback="Never" />
      </Table.Td>
      <Table.Td ta="right">
        <UnassignSeatButton subscriptionId={license.subscriptionId} productName={license.product.name} user={user} />
      </Table.Td>
    </Table.Tr>
  );
}
