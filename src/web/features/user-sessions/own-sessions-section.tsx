import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { ProblemAlert } from '../../lib/problem-alert';
import { problemMessage } from '../../lib/problem-message';
import { SessionsTable } from './sessions-table';
import { useEndSessions, useSessions } from './use-end-sessions';

/** The Account page's "Where you're signed in": this browser marked, End per other session, sign out everywhere else. */
export function OwnSessionsSection() {
  const sessions = useSessions('me');
  const { endOne, endAll } = useEndSessions('me');
  const others = sessions.data?.filter((session) => !session.current) ?? [];
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="own-sessions-heading">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h4" id="own-sessions-heading">
            Where you’re signed in
          </Title>
          <Button
            size="xs"
            variant="light"
            color="red"
            disabled={others.length === 0}
            loading={endAll.isPending}
            onClick={() => endAll.mutate()}
          >
            Sign out everywhere else
          </Button>
        </Group>
        {(endOne.isError || endAll.isError) && <ProblemAlert error={endOne.error ?? endAll.error} />}
        {sessions.isPending && <Text size="sm">Loading your sessions…</Text>}
        {sessions.isError && (
          <Text size="sm" c="red" role="alert">
            Could not load your sessions: {problemMessage(sessions.error)}
          </Text>
        )}
        {sessions.data && (
          <SessionsTable
            sessions={sessions.data}
            label="Your sessions"
            onEnd={(session) => endOne.mutate(session)}
            ending={endOne.isPending ? (endOne.variables?.id ?? null) : null}
          />
        )}
      </Stack>
    </Paper>
  );
}
