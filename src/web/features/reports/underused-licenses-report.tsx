import type { UnderusedLicensesReport } from '../../../contract/reports';
import { ReportBody } from './report-body';
import { ReportEmpty } from './report-empty';
import { formatDays } from './report-format';
import { ReportSection } from './report-section';
import { ReportTable } from './report-table';
import type { ReportViewProps } from './report-view-props';
import { underusedLicensesColumns } from './underused-licenses-columns';
import { useReport } from './use-report';

export function UnderusedLicensesReportView({ query }: ReportViewProps) {
  const report = useReport<UnderusedLicensesReport>('underused-licenses', query);
  return (
    <ReportBody report={report} chart={false}>
      {(data) => {
        // The answer's days: the URL's, or the organization's setting when the URL names none.
        const days = formatDays(data.days);
        return (
          <ReportSection
            title={`${data.rows.length} ${data.rows.length === 1 ? 'seat' : 'seats'} unused for ${days} or more`}
            description="Seats whose holder has not used the app in that time. Free a seat, or give it straight to someone who needs it."
          >
            <ReportTable
              label="Under-used seats"
              rows={data.rows}
              columns={underusedLicensesColumns}
              rowKey={(row) => `${row.subscriptionId}:${row.userId}`}
              minWidth={960}
              empty={<ReportEmpty title="Every seat is in use" description={`No holder has been idle for ${days}.`} />}
            />
          </ReportSection>
        );
      }}
    </ReportBody>
  );
}
