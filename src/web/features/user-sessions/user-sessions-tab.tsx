import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { ProblemAlert } from '../../lib/problem-alert';
import { problemMessage } from '../../lib/problem-message';
import { SessionsTable } from './sessions-table';
import { useEndSessions, useSessions } from './use-end-sessions';

interface UserSessionsTabProps {
  user: { id: string; name: string };
}

/** The user page's Sessions tab (owners): where the user is signed in, End per row, End all sessions. */
export function UserSessionsTab({ user }: UserSessionsTabProps) {
  const owner = { userId: user.id };
  const sessions = useSessions(owner);
  const { endOne, endAll } = useEndSessions(owner);
  const [confirming, confirm] = useDisclosure(false);

  if (sessions.isPending) return <Text size="sm">Loading sessions…</Text>;
  if (sessions.isError) {
    return (
      <Text size="sm" c="red" role="alert">
        Could not load the sessions: {problemMessage(sessions.error)}
      </Text>
    );
  }
  const others = sessions.data.filter((session) => !session.current);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={640}>
          Where {user.name} is signed in: the console in a browser, and apps that send heartbeats. Ending a session
          signs it out at its next request; the user can sign in again (deactivate them to keep them out).
        </Text>
        <Button color="red" variant="light" onClick={confirm.open} disabled={others.length === 0}>
          End all sessions
        </Button>
      </Group>
      {endOne.isError && <ProblemAlert error={endOne.error} />}
      {sessions.data.length === 0 ? (
        <Text size="sm">{user.name} is not signed in anywhere.</Text>
      ) : (
        <SessionsTable
          sessions={sessions.data}
          label={`Sessions of ${user.name}`}
          onEnd={(session) => endOne.mutate(session)}
          ending={endOne.isPending ? (endOne.variables?.id ?? null) : null}
        />
      )}
      <Modal opened={confirming} onClose={confirm.close} title="End all sessions?" centered size="sm">
        <Stack gap="md">
          <Text size="sm">
            {user.name} is signed out of the console in every browser, and every app they use asks them to sign in again
            ({others.length === 1 ? '1 session' : `${others.length} sessions`}).
          </Text>
          {endAll.isError && <ProblemAlert error={endAll.error} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={confirm.close} data-autofocus>
              Cancel
            </Button>
            <Button
              color="red"
              loading={endAll.isPending}
              onClick={() => endAll.mutate(undefined, { onSuccess: confirm.close })}
            >
              End all sessions
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
