import type { LicenseSharingReport } from '../../../contract/reports';
import { licenseSharingColumns } from './license-sharing-columns';
import { ReportBody } from './report-body';
import { ReportEmpty } from './report-empty';
import { ReportSection } from './report-section';
import { ReportTable } from './report-table';
import type { ReportViewProps } from './report-view-props';
import { useReport } from './use-report';

export function LicenseSharingReportView({ query }: ReportViewProps) {
  const report = useReport<LicenseSharingReport>('license-sharing', query);
  return (
    <ReportBody report={report}>
      {(data) => (
        <ReportSection
          title="Seats in two places at once"
          description="The same person’s seat used at the same time on two devices more than 500 km apart: worth a look for a shared password."
        >
          <ReportTable
            label="Possible license sharing"
            rows={data.rows}
            columns={licenseSharingColumns}
            rowKey={(row) => `${row.userId}-${row.app}-${row.overlapStartedAt}-${row.secondDevice}`}
            minWidth={900}
            empty={
              <ReportEmpty
                title="No overlapping use"
                description="No seat was in use in two far-apart places at once."
              />
            }
          />
        </ReportSection>
      )}
    </ReportBody>
  );
}
