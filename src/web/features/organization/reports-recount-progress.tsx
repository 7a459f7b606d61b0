import { Alert, Progress, Stack, Text } from '@mantine/core';
import type { ReportsRecount } from '../../../contract/organization';

/** Percent of users recounted (100 once done). */
export function recountPercent(recount: ReportsRecount): number {
  if (recount.status === 'done' || recount.total === 0) return 100;
  return Math.min(100, Math.round((recount.done / recount.total) * 100));
}

/** Settings: the progress of the reports' recount after a time-zone change (announced politely to screen readers). */
export function ReportsRecountProgress({ recount }: { recount: ReportsRecount | null }) {
  if (!recount || recount.status === 'done') return null;
  const percent = recountPercent(recount);
  if (recount.status === 'failed') {
    return (
      <Alert color="red" title="The reports could not be recounted" role="alert">
        Counting the reports in {recount.timeZone} stopped after {recount.done} of {recount.total} users
        {recount.error ? ` (${recount.error})` : ''}. Until an operator runs <code>npx seatkeeper rebuild-reports</code>
        , some days are still counted in the previous time zone.
      </Alert>
    );
  }
  return (
    <Stack gap={6} role="status" aria-live="polite">
      <Text size="sm" fw={500}>
        Recounting the reports in {recount.timeZone}: {recount.done} of {recount.total} users ({percent}%)
      </Text>
      <Progress value={percent} animated aria-label={`Reports recounted: ${percent}%`} />
      <Text size="xs" c="dimmed">
        Sign-ins and everything else keep working meanwhile; the reports show a notice until it is done.
      </Text>
    </Stack>
  );
}
