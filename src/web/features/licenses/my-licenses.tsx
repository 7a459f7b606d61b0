import { List, Skeleton, Stack, Text } from '@mantine/core';
import { formatDate } from '../../lib/format-date';
import { problemMessage } from '../../lib/problem-message';
import { RelativeTime } from '../../lib/relative-time';
import { expiryDateLabel } from '../subscriptions/subscription-status';
import { LicenseStatus } from './license-status';
import { useMyLicenses } from './use-my-licenses';

/** The seats the signed-in person holds: which apps they may use, until when, and when they last did. */
export function MyLicenses() {
  const licenses = useMyLicenses();
  if (licenses.isPending) return <Skeleton height={60} aria-label="Loading your licenses" />;
  if (licenses.isError) {
    return (
      <Text size="sm" c="red" role="alert">
        Could not load your licenses: {problemMessage(licenses.error)}
      </Text>
    );
  }
  if (licenses.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        You hold no seat yet. Ask an owner of your organization for one to use its apps.
      </Text>
    );
  }
  return (
    <List spacing="md" listStyleType="none" aria-label="Your licenses">
      {licenses.data.map((license) => (
        <List.Item key={license.subscriptionId}>
          <Stack gap={4}>
            <Text fw={600} size="sm">
              {license.product.name}
            </Text>
            <LicenseStatus license={license} />
            <Text size="xs" c="dimmed">
              Since {formatDate(license.assignedAt)} · {expiryDateLabel(license.subscriptionStatus)}{' '}
              {formatDate(license.expiresAt)} · Last used{' '}
              <RelativeTime iso={license.lastUsedAt} fallback="never" span size="xs" c="dimmed" />
            </Text>
          </Stack>
        </List.Item>
      ))}
    </List>
  );
}
