import type { InactiveUsersReport } from '../../../contract/reports';
import { inactiveUsersColumns } from './inactive-users-columns';
import { ReportBody } from './report-body';
import { ReportEmpty } from './report-empty';
import { formatDays } from './report-format';
import { ReportSection } from './report-section';
import { ReportTable } from './report-table';
import type { ReportViewProps } from './report-view-props';
import { usePagedReport } from './use-paged-report';

export function InactiveUsersReportView({ query }: ReportViewProps) {
  const { report, paging } = usePagedReport<InactiveUsersReport>('inactive-users', query);
  return (
    <ReportBody report={report} chart={false}>
      {(data) => {
        // The answer's days: the URL's, or the organization's setting when the URL names none.
        const days = formatDays(data.days);
        return (
          <ReportSection
            title={`${data.totalRows} ${data.totalRows === 1 ? 'person' : 'people'} inactive for ${days} or more`}
            description="Active users with neither a sign-in nor app use in that time; someone who never signed in counts from when they were added. Deactivating ends their sessions at once."
          >
            <ReportTable
              label="Inactive users"
              rows={data.rows}
              columns={inactiveUsersColumns}
              rowKey={(row) => row.userId}
              minWidth={960}
              server={paging}
              empty={<ReportEmpty title="Everyone is active" description={`No one has been inactive for ${days}.`} />}
            />
          </ReportSection>
        );
      }}
    </ReportBody>
  );
}
