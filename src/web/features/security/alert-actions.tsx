import { Button, Group, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Alert, AlertStatus } from '../../../contract/security';
import { ProblemAlert } from '../../lib/problem-alert';
import { overviewKeys } from '../overview/overview-query-keys';
import { STATUS_LABELS } from './alert-labels';
import { changeAlertStatus } from './alerts.api';
import { alertsKeys } from './security-query-keys';

/** The server's bound on a note (PatchAlertBody), characters. */
const MAX_NOTE_LENGTH = 2000;

const ACTIONS: Record<AlertStatus, { to: AlertStatus; label: string; primary?: boolean }[]> = {
  open: [
    { to: 'acknowledged', label: 'Acknowledge' },
    { to: 'resolved', label: 'Resolve', primary: true },
  ],
  acknowledged: [
    { to: 'resolved', label: 'Resolve', primary: true },
    { to: 'open', label: 'Reopen' },
  ],
  resolved: [{ to: 'open', label: 'Reopen' }],
};

/** Moves the alert on (open → acknowledged → resolved, or back to open), with an optional note kept in its history. */
export function AlertActions({ alert }: { alert: Alert }) {
  const [note, setNote] = useState('');
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: changeAlertStatus,
    onSuccess: (updated) => {
      setNote('');
      notifications.show({ color: 'teal', message: `Alert ${STATUS_LABELS[updated.alert.status].toLowerCase()}.` });
      queryClient.setQueryData(alertsKeys.detail(updated.alert.id), updated);
      void queryClient.invalidateQueries({ queryKey: alertsKeys.all });
      void queryClient.invalidateQueries({ queryKey: overviewKeys.all });
    },
  });
  const tooLong = note.length > MAX_NOTE_LENGTH;

  return (
    <Stack gap="sm">
      {mutation.isError && <ProblemAlert error={mutation.error} />}
      <Textarea
        label="Note (optional)"
        description="Why: kept in the alert’s history with your name."
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
        autosize
        minRows={2}
        maxRows={6}
        error={tooLong ? `At most ${MAX_NOTE_LENGTH} characters (${note.length} now).` : undefined}
      />
      <Group gap="sm">
        {ACTIONS[alert.status].map((action) => (
          <Button
            key={action.to}
            variant={action.primary ? 'filled' : 'default'}
            disabled={tooLong || (mutation.isPending && mutation.variables?.status !== action.to)}
            loading={mutation.isPending && mutation.variables?.status === action.to}
            onClick={() => mutation.mutate({ id: alert.id, status: action.to, note: note.trim() || undefined })}
          >
            {action.label}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}
