import { AppShell, Badge, Burger, Group, Text } from '@mantine/core';
import { useSession } from '../features/auth/session-context';

interface ShellHeaderProps {
  navOpened: boolean;
  onToggleNav: () => void;
}

export function ShellHeader({ navOpened, onToggleNav }: ShellHeaderProps) {
  const { user, organization } = useSession();
  return (
    <AppShell.Header>
      <Group h="100%" px="md" justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" miw={0}>
          <Burger
            opened={navOpened}
            onClick={onToggleNav}
            hiddenFrom="sm"
            size="sm"
            aria-label={navOpened ? 'Close navigation' : 'Open navigation'}
            aria-expanded={navOpened}
          />
          <Text fw={700} c="blue.8">
            Seatkeeper
          </Text>
          <Text c="dimmed" aria-hidden>
            /
          </Text>
          <Text fw={500} truncate="end" title={organization.name}>
            {organization.name}
          </Text>
        </Group>
        <Group gap="xs" wrap="nowrap" visibleFrom="xs" miw={0}>
          <Text size="sm" truncate="end" title={user.email}>
            {user.name}
          </Text>
          <Badge variant="light" color={user.role === 'owner' ? 'grape' : 'gray'}>
            {user.role}
          </Badge>
        </Group>
      </Group>
    </AppShell.Header>
  );
}
