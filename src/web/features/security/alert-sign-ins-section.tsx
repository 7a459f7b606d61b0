import { Anchor, Group, List, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Alert } from '../../../contract/security';
import type { SignIn } from '../../../contract/sign-ins';
import { formatDateTime } from '../../lib/format-date';
import { describeLocation } from '../activity/location-label';
import { OutcomeBadge } from '../activity/outcome-badge';

/** The alert's sign-ins, newest first, each opening its own detail on the Sign-ins page; then wider views there. */
export function AlertSignInsSection({ alert, signIns }: { alert: Alert; signIns: SignIn[] }) {
  return (
    <Stack gap="xs">
      {signIns.length === 0 ? (
        <Text size="sm" c="dimmed">
          No sign-in is linked to this alert.
        </Text>
      ) : (
        <List spacing="xs" listStyleType="none" aria-label="Sign-ins of this alert, newest first">
          {signIns.map((signIn) => (
            <List.Item key={signIn.id}>
              <Group gap="xs" wrap="wrap" align="center">
                <OutcomeBadge item={signIn} />
                <Anchor component={Link} to={`/sign-ins?signIn=${encodeURIComponent(signIn.id)}`} size="sm">
                  {formatDateTime(signIn.occurredAt)}
                </Anchor>
                <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {[signIn.email, signIn.ip, describeLocation(signIn.location)].filter(Boolean).join(' · ')}
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      <Group gap="md">
        {alert.user && (
          <Anchor component={Link} to={`/sign-ins?user=${encodeURIComponent(alert.user.id)}`} size="sm">
            All sign-ins of this user
          </Anchor>
        )}
        {alert.ip && (
          <Anchor component={Link} to={`/sign-ins?ip=${encodeURIComponent(alert.ip)}`} size="sm">
            All sign-ins from this address
          </Anchor>
        )}
      </Group>
    </Stack>
  );
}
