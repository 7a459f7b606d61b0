import { Stack, Text } from '@mantine/core';
import type { ActivityItem } from '../../../contract/activity';

export function IpCell({ item }: { item: Pick<ActivityItem, 'ip' | 'location'> }) {
  const asn = item.location?.asn;
  const org = item.location?.asOrganization;
  const network = org ? (asn ? `AS${String(asn).replace(/^AS/i, '')} · ${org}` : org) : null;
  return (
    <Stack gap={0}>
      <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
        {item.ip ?? 'Unknown'}
      </Text>
      {network && (
        <Text size="xs" c="dimmed" lineClamp={1} maw={220} title={network}>
          {network}
        </Text>
      )}
    </Stack>
  );
}
