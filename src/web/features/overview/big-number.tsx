import { Group, Text } from '@mantine/core';
import { formatCount } from '../reports/report-format';

interface BigNumberProps {
  value: number;
  label: string;
  color?: string;
}

/** A headline figure with what it counts, read as one phrase ("42 active users"). */
export function BigNumber({ value, label, color }: BigNumberProps) {
  return (
    <Group gap={8} align="baseline" wrap="nowrap">
      <Text fz={36} fw={700} lh={1} c={color} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatCount(value)}
      </Text>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
    </Group>
  );
}
