import { Button, CloseButton, Group, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArmchair, IconArmchairOff, IconDownload, IconUserOff } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { problemMessage } from '../../lib/problem-message';
import { useSession } from '../auth/session-context';
import { downloadUsersCsv } from './users.api';

export type BulkAction = 'assign' | 'unassign' | 'deactivate';

interface BulkActionBarProps {
  userIds: string[];
  onAction: (action: BulkAction) => void;
  onClear: () => void;
}

/** Stays at the bottom of the window while users are selected: how many, and what can be done to all of them. */
export function BulkActionBar({ userIds, onAction, onClear }: BulkActionBarProps) {
  const session = useSession();
  const count = userIds.length;
  const exportCsv = useMutation({
    mutationFn: () => downloadUsersCsv(userIds, session.csrfToken),
    onError: (error) => notifications.show({ color: 'red', title: 'Export failed', message: problemMessage(error) }),
  });

  return (
    <Paper
      withBorder
      shadow="md"
      p="sm"
      role="region"
      aria-label="Selected users"
      style={{ position: 'sticky', bottom: 'var(--mantine-spacing-md)', zIndex: 20 }}
    >
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="xs" wrap="nowrap">
          <CloseButton aria-label="Clear the selection" onClick={onClear} />
          <Text fw={600} size="sm" aria-live="polite">
            {count} selected
          </Text>
        </Group>
        <Group gap="xs" wrap="wrap">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconArmchair size={16} aria-hidden />}
            onClick={() => onAction('assign')}
          >
            Assign seat
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconArmchairOff size={16} aria-hidden />}
            onClick={() => onAction('unassign')}
          >
            Unassign seat
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
            loading={exportCsv.isPending}
            onClick={() => exportCsv.mutate()}
          >
            Export CSV
          </Button>
          <Button
            size="xs"
            color="red"
            variant="outline"
            leftSection={<IconUserOff size={16} aria-hidden />}
            onClick={() => onAction('deactivate')}
          >
            Deactivate
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
