import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';

interface UserCellProps {
  userId: string;
  name: string;
  email: string;
  /** The user page's tab to open. */
  tab?: 'licenses' | 'activity';
}

/** The person a row is about, linking to their page. */
export function UserCell({ userId, name, email, tab }: UserCellProps) {
  const to = `/users/${encodeURIComponent(userId)}${tab ? `/${tab}` : ''}`;
  return (
    <Stack gap={0}>
      <Anchor component={Link} to={to} size="sm" fw={500}>
        {name}
      </Anchor>
      {/* A long address wraps rather than widening the table past a phone's screen. */}
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {email}
      </Text>
    </Stack>
  );
}
