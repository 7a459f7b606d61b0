import { Badge, Group, Text } from '@mantine/core';
import type { HeldSeat } from '../../../contract/users';

/** The products whose seats a user holds, as small badges that wrap (and shorten a long name) rather than overflow. */
export function UserLicenseBadges({ licenses }: { licenses: HeldSeat[] }) {
  if (licenses.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No seat
      </Text>
    );
  }
  return (
    <Group gap={4} wrap="wrap" maw="100%">
      {licenses.map((license) => {
        const label = license.expired ? `${license.product.name} (ended)` : license.product.name;
        return (
          <Badge
            key={license.subscriptionId}
            size="sm"
            radius="sm"
            tt="none"
            color={license.expired ? 'gray' : 'indigo'}
            variant={license.expired ? 'outline' : 'light'}
            maw="100%"
            title={label}
          >
            {label}
          </Badge>
        );
      })}
    </Group>
  );
}
