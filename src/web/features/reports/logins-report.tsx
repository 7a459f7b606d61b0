import { Paper } from '@mantine/core';
import type { LoginsReport } from '../../../contract/reports';
import { loginsColumns } from './logins-columns';
import { ReportBody } from './report-body';
import { ReportEmpty } from './report-empty';
import { ReportSection } from './report-section';
import { ReportTable } from './report-table';
import type { ReportViewProps } from './report-view-props';
import { SignInsChart } from './sign-ins-chart';
import { usePagedReport } from './use-paged-report';

export function LoginsReportView({ query }: ReportViewProps) {
  const { report, paging } = usePagedReport<LoginsReport>('logins', query);
  return (
    <ReportBody report={report}>
      {(data) => (
        <>
          <Paper withBorder p="md">
            <SignInsChart series={data.series} />
          </Paper>
          <ReportSection title="Per user" description="Every user of the organization, also those without sign-ins.">
            <ReportTable
              label="Sign-ins per user"
              rows={data.rows}
              columns={loginsColumns}
              rowKey={(row) => row.userId}
              minWidth={900}
              server={paging}
              empty={<ReportEmpty title="No users" description="Add users to see their sign-ins here." />}
            />
          </ReportSection>
        </>
      )}
    </ReportBody>
  );
}
