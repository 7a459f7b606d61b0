import { Paper } from '@mantine/core';
import type { DenialsReport } from '../../../contract/reports';
import { DenialsChart } from './denials-chart';
import { denialsColumns, deniedUsersColumns } from './denials-columns';
import { ReportBody } from './report-body';
import { ReportEmpty } from './report-empty';
import { ReportSection } from './report-section';
import { ReportTable } from './report-table';
import type { ReportViewProps } from './report-view-props';
import { useReport } from './use-report';

export function DenialsReportView({ query }: ReportViewProps) {
  const report = useReport<DenialsReport>('denials', query);
  return (
    <ReportBody report={report}>
      {(data) => (
        <>
          <Paper withBorder p="md">
            <DenialsChart series={data.series} />
          </Paper>
          <ReportSection
            title="Denials per product"
            description="Turned away: the app gave up, or got no seat within 30 minutes of being refused. Seat on retry: it got one within that time."
          >
            <ReportTable
              label="Denials per product"
              rows={data.rows}
              columns={denialsColumns}
              rowKey={(row) => `${row.app}|${row.subscriptionId ?? ''}`}
              initialSort={{ column: 'real', order: 'desc' }}
              minWidth={900}
              empty={<ReportEmpty title="No denials" description="Every seat request in this period got a seat." />}
            />
          </ReportSection>
          <ReportSection title="People refused most" description="The 50 people turned away most in this period.">
            <ReportTable
              label="People refused most"
              rows={data.users}
              columns={deniedUsersColumns}
              rowKey={(row) => row.userId}
              initialSort={{ column: 'real', order: 'desc' }}
              minWidth={720}
              empty={
                <ReportEmpty title="No one was refused" description="No seat request was refused in this period." />
              }
            />
          </ReportSection>
        </>
      )}
    </ReportBody>
  );
}
