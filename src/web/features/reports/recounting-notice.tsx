import { Alert } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { recountPercent } from '../organization/reports-recount-progress';
import { useOrganizationSettings } from '../organization/use-organization-settings';
import { overviewKeys } from '../overview/overview-query-keys';
import { reportsKeys } from './reports-query-keys';

/**
 * The Reports pages and the Overview: while the reports are being recounted (a changed time zone, in the
 * background), a notice with its progress; when it ends, the reports and the overview are fetched again.
 * `recounting`: what a report's own answer said (the notice also shows when only that knows).
 */
export function RecountingNotice({ recounting = false }: { recounting?: boolean }) {
  const settings = useOrganizationSettings();
  const recount = settings.data?.reportsRecount ?? null;
  const running = recount?.status === 'running';
  const queryClient = useQueryClient();
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) {
      void queryClient.invalidateQueries({ queryKey: reportsKeys.all });
      void queryClient.invalidateQueries({ queryKey: overviewKeys.all });
    }
    wasRunning.current = running;
  }, [running, queryClient]);

  const failed = recount?.status === 'failed';
  const show = running || failed || (recounting && recount?.status !== 'done');
  return (
    <div role="status" aria-live="polite">
      {show && (
        <Alert color={failed ? 'red' : 'yellow'} title={failed ? 'Reports partly counted' : 'Reports being recounted'}>
          {failed
            ? 'Recounting the reports in the new time zone stopped; some days are still counted in the previous zone until an operator runs the rebuild again.'
            : `The reports are being recounted in ${recount?.timeZone ?? 'the new time zone'}${
                recount ? ` (${recountPercent(recount)}% done)` : ''
              }: some days may still be counted in the previous zone. They update when it is done.`}
        </Alert>
      )}
    </div>
  );
}
