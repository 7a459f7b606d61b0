import { Group, Loader, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { RangedReportHeader, ReportHeader } from '../../../contract/reports';
import { formatDateTimeWithZone } from '../../lib/format-date';
import { PageError } from '../../lib/page-error';
import { formatDay } from './report-format';
import { ReportSkeleton } from './report-skeleton';

interface ReportBodyProps<T extends ReportHeader> {
  report: UseQueryResult<T>;
  /** False for reports that have only a table. */
  chart?: boolean;
  children: (data: T) => ReactNode;
}

function isRanged(data: ReportHeader): data is RangedReportHeader {
  return typeof (data as Partial<RangedReportHeader>).from === 'string';
}

/** A report's answer once it is there: placeholders while it loads, the problem when it fails. */
export function ReportBody<T extends ReportHeader>({ report, chart = true, children }: ReportBodyProps<T>) {
  if (report.isPending) return <ReportSkeleton chart={chart} />;
  if (report.isError && !report.data) {
    return <PageError error={report.error} title="Could not load the report" onRetry={() => report.refetch()} />;
  }
  const data = report.data as T;
  return (
    <Stack gap="lg" aria-busy={report.isFetching}>
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" c="dimmed" aria-live="polite">
          {isRanged(data)
            ? `${formatDay(data.from)} – ${formatDay(data.to)}, days in ${data.timeZone}. `
            : 'As of now. '}
          Generated {formatDateTimeWithZone(data.generatedAt)}.
        </Text>
        {report.isFetching && <Loader size="xs" aria-label="Updating the report" />}
      </Group>
      {report.isError && (
        <PageError error={report.error} title="Could not update the report" onRetry={() => report.refetch()} />
      )}
      {children(data)}
    </Stack>
  );
}
