import { Stack, Text } from '@mantine/core';
import { formatDate, formatDateTimeWithZone } from '../../lib/format-date';
import { formatDays } from './report-format';

/** The expiry (or renewal) date in the viewer's zone, and how far off it is. */
export function ExpiryCell({ expiresAt, daysUntilExpiry }: { expiresAt: string; daysUntilExpiry: number }) {
  const distance =
    daysUntilExpiry > 0
      ? `in ${formatDays(daysUntilExpiry)}`
      : daysUntilExpiry === 0
        ? 'today'
        : `${formatDays(-daysUntilExpiry)} ago`;
  return (
    <Stack gap={0}>
      <Text size="sm" component="time" dateTime={expiresAt} title={formatDateTimeWithZone(expiresAt)}>
        {formatDate(expiresAt)}
      </Text>
      <Text size="xs" c={daysUntilExpiry <= 7 ? 'red.8' : 'dimmed'}>
        {distance}
      </Text>
    </Stack>
  );
}
