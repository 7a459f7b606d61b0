import { Anchor, Badge, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { SignIn } from '../../../contract/sign-ins';

/** Who the attempt was for: the account (linking to its Activity tab), or the email typed when it matched none. */
export function SignInUserCell({ signIn }: { signIn: Pick<SignIn, 'user' | 'email'> }) {
  if (!signIn.user) {
    return (
      <Stack gap={2} align="flex-start">
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {signIn.email}
        </Text>
        <Badge color="gray" variant="light" size="sm">
          No such account
        </Badge>
      </Stack>
    );
  }
  return (
    <Stack gap={0}>
      <Anchor
        component={Link}
        to={`/users/${encodeURIComponent(signIn.user.id)}/activity`}
        size="sm"
        fw={500}
        style={{ overflowWrap: 'anywhere' }}
      >
        {signIn.user.name}
      </Anchor>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {signIn.user.email}
        {signIn.user.status === 'deactivated' ? ' · deactivated' : ''}
      </Text>
    </Stack>
  );
}
