import { Anchor, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Alert } from '../../../contract/security';

/**
 * What a seat alert stands on instead of sign-ins: the pool's hourly peaks and the people turned away,
 * in the reports that count them, and the subscriptions where seats are bought and released.
 */
export function AlertSeatsSection({ alert }: { alert: Alert }) {
  return (
    <>
      <Text size="sm" c="dimmed">
        {alert.type === 'seat_denied'
          ? 'Counted from the seat requests refused that day that no seat followed within 30 minutes (the person gave up).'
          : 'Counted from the pool’s peak of seats in use in the hour named above.'}
      </Text>
      <Group gap="md">
        <Anchor component={Link} to={alert.type === 'seat_denied' ? '/reports/denials' : '/reports/demand'} size="sm">
          {alert.type === 'seat_denied' ? 'Seat denials report' : 'Seat demand report'}
        </Anchor>
        <Anchor component={Link} to="/billing" size="sm">
          Subscriptions and seats in use
        </Anchor>
      </Group>
    </>
  );
}
