import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UserSession } from '../../../contract/user-sessions';
import { endAllSessions, endSession, listSessions, type SessionsOwner, userSessionKeys } from './user-sessions.api';

/** A user's live sessions (or one's own), refreshed every minute while shown: sessions come and go. */
export function useSessions(owner: SessionsOwner) {
  return useQuery({
    queryKey: userSessionKeys.of(owner),
    queryFn: ({ signal }) => listSessions(owner, signal),
    refetchInterval: 60_000,
  });
}

/** End one session, and end all (but this browser's, on one's own); both refresh the list. */
export function useEndSessions(owner: SessionsOwner) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: userSessionKeys.all });
  const endOne = useMutation({
    mutationFn: (session: UserSession) => endSession(owner, session.id),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'Session ended.' });
      void refresh();
    },
  });
  const endAll = useMutation({
    mutationFn: () => endAllSessions(owner),
    onSuccess: (result) => {
      const count = result.ended === 1 ? '1 session' : `${result.ended} sessions`;
      notifications.show({ color: 'teal', message: `${count} ended.` });
      void refresh();
    },
  });
  return { endOne, endAll };
}
