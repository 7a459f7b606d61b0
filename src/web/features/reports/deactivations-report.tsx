import { Paper } from '@mantine/core';
import type { DeactivationsReport } from '../../../contract/reports';
import { DeactivationsChart } from './deactivations-chart';
import { deactivationsColumns } from './deactivations-columns';
import { ReportBody } from './report-body';
import { ReportEmpty } from './report-empty';
import { ReportSection } from './report-section';
import { ReportTable } from './report-table';
import type { ReportViewProps } from './report-view-props';
import { useReport } from './use-report';

export function DeactivationsReportView({ query }: ReportViewProps) {
  const report = useReport<DeactivationsReport>('deactivations', query);
  return (
    <ReportBody report={report}>
      {(data) => (
        <>
          <Paper withBorder p="md">
            <DeactivationsChart series={data.series} from={data.from} to={data.to} />
          </Paper>
          <ReportSection
            title="Deactivated users"
            description="People deactivated in this period who are still deactivated."
          >
            <ReportTable
              label="Deactivated users"
              rows={data.rows}
              columns={deactivationsColumns}
              rowKey={(row) => row.userId}
              initialSort={{ column: 'deactivatedAt', order: 'desc' }}
              minWidth={760}
              empty={<ReportEmpty title="No deactivations" description="No one was deactivated in this period." />}
            />
          </ReportSection>
        </>
      )}
    </ReportBody>
  );
}
