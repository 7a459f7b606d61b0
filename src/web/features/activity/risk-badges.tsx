import { Badge, Group } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { humanize } from './failure-reasons';

const riskLabels: Record<string, string> = {
  new_country: 'New country',
  new_device: 'New device',
  impossible_travel: 'Impossible travel',
  brute_force: 'Brute force',
  deactivated_account: 'Deactivated account',
  anonymous_ip: 'Anonymous IP',
};

export function RiskBadges({ risk }: { risk: string[] }) {
  if (!risk.length) return null;
  return (
    <Group gap={4}>
      {risk.map((flag) => (
        <Badge key={flag} color="orange" variant="light" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
          {riskLabels[flag] ?? humanize(flag)}
        </Badge>
      ))}
    </Group>
  );
}
