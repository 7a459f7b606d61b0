import { Paper } from '@mantine/core';
import { useMemo } from 'react';
import type { LicensesReport } from '../../../contract/reports';
import { LicensesChart } from './licenses-chart';
import { expiringSoonColumns, licensesColumns } from './licenses-columns';
import { ReportBody } from './report-body';
import { ReportEmpty } from './report-empty';
import { formatDays } from './report-format';
import { ReportSection } from './report-section';
import { ReportTable } from './report-table';
import type { ReportViewProps } from './report-view-props';
import { useReport } from './use-report';

export function LicensesReportView({ query }: ReportViewProps) {
  const report = useReport<LicensesReport>('licenses', query);
  // The answer's days: the URL's, or the organization's setting (Settings) when the URL names none.
  const usedWithinDays = report.data?.usedWithinDays;
  const columns = useMemo(
    () => (usedWithinDays === undefined ? [] : licensesColumns(usedWithinDays)),
    [usedWithinDays],
  );
  return (
    <ReportBody report={report}>
      {(data) => (
        <>
          {data.rows.length > 0 && (
            <Paper withBorder p="md">
              <LicensesChart rows={data.rows} usedWithinDays={data.usedWithinDays} />
            </Paper>
          )}
          <ReportSection
            title="Expiring soon"
            description="Subscriptions that end or renew within 30 days (expired ones are left out)."
          >
            <ReportTable
              label="Subscriptions expiring soon"
              rows={data.expiringSoon}
              columns={expiringSoonColumns}
              rowKey={(row) => row.subscriptionId}
              initialSort={{ column: 'daysUntilExpiry', order: 'asc' }}
              minWidth={720}
              empty={
                <ReportEmpty title="Nothing expires soon" description="No subscription ends in the next 30 days." />
              }
            />
          </ReportSection>
          <ReportSection
            title="Subscriptions"
            description={`Used: holders who used the app in the last ${formatDays(data.usedWithinDays)}. Idle: assigned but not used. Recommended: named seats, the busiest day of the last 90 days plus 10 % headroom; floating pools, the 90-day 95th percentile of hourly demand (Seat demand report).`}
          >
            <ReportTable
              label="Seats per subscription"
              rows={data.rows}
              columns={columns}
              rowKey={(row) => row.subscriptionId}
              minWidth={1180}
              empty={
                <ReportEmpty
                  title="No subscriptions"
                  description="When your operator records a purchase, it appears here."
                />
              }
            />
          </ReportSection>
        </>
      )}
    </ReportBody>
  );
}
