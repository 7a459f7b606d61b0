import { Group, Stack, Text } from '@mantine/core';
import type { ActivityItem } from '../../../contract/activity';
import { DeviceIcon } from './device-icon';
import { describeDevice } from './device-label';

interface DeviceCellProps {
  item: Pick<ActivityItem, 'client' | 'device' | 'userAgent'> & Partial<Pick<ActivityItem, 'type'>>;
  /** Product key → name, to name apps. */
  appNames?: ReadonlyMap<string, string>;
}

export function DeviceCell({ item, appNames }: DeviceCellProps) {
  const { primary, detail } = describeDevice(item, appNames);
  return (
    <Group gap="xs" wrap="nowrap" title={item.userAgent ?? undefined}>
      <DeviceIcon type={item.device.type} />
      <Stack gap={0} miw={0}>
        <Text size="sm">{primary}</Text>
        {detail && (
          <Text size="xs" c="dimmed" lineClamp={1} maw={260} title={detail}>
            {detail}
          </Text>
        )}
      </Stack>
    </Group>
  );
}
