import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { ExpiringSubscription } from '../../../contract/reports';
import { formatDate, formatDateTimeWithZone } from '../../lib/format-date';
import { formatDays } from '../reports/report-format';
import { OverviewCard } from './overview-card';

function ExpiringItem({ item }: { item: ExpiringSubscription }) {
  const when = item.daysUntilExpiry <= 0 ? 'today' : `in ${formatDays(item.daysUntilExpiry)}`;
  const urgent = !item.autoRenew && item.daysUntilExpiry <= 7;
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm" component="li">
      <Stack gap={0} miw={0}>
        <Anchor component={Link} to={`/billing/${encodeURIComponent(item.subscriptionId)}`} size="sm" fw={500}>
          {item.appName}
        </Anchor>
        <Text
          size="xs"
          c="dimmed"
          component="time"
          dateTime={item.expiresAt}
          title={formatDateTimeWithZone(item.expiresAt)}
        >
          {formatDate(item.expiresAt)}
        </Text>
      </Stack>
      <Badge
        variant={item.autoRenew ? 'light' : 'filled'}
        color={item.autoRenew ? 'blue' : urgent ? 'red' : 'orange'}
        leftSection={
          item.autoRenew ? <IconRefresh size={12} aria-hidden /> : <IconAlertTriangle size={12} aria-hidden />
        }
        style={{ textTransform: 'none', flexShrink: 0 }}
      >
        {item.autoRenew ? `Renews ${when}` : `Expires ${when}`}
      </Badge>
    </Group>
  );
}

export function ExpiringSoonCard({ items }: { items: ExpiringSubscription[] }) {
  return (
    <OverviewCard title="Licenses expiring soon" link={{ to: '/billing', label: 'Billing' }}>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No subscription ends or renews in the next 30 days.
        </Text>
      ) : (
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {[...items]
            .sort((a, b) => a.daysUntilExpiry - b.daysUntilExpiry)
            .map((item) => (
              <ExpiringItem key={item.subscriptionId} item={item} />
            ))}
        </Stack>
      )}
    </OverviewCard>
  );
}
