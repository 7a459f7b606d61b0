import { Paper, SimpleGrid } from '@mantine/core';
import type { AppUsageReport } from '../../../contract/reports';
import { ActiveUsersChart } from './active-users-chart';
import { AppUsageAppsChart } from './app-usage-apps-chart';
import { appUsageAppColumns, appUsageColumns } from './app-usage-columns';
import { ReportBody } from './report-body';
import { ReportEmpty } from './report-empty';
import { ReportSection } from './report-section';
import { ReportTable } from './report-table';
import type { ReportViewProps } from './report-view-props';
import { usePagedReport } from './use-paged-report';

const noUse = <ReportEmpty title="No app use" description="No one used an app in this period." />;

export function AppUsageReportView({ query }: ReportViewProps) {
  const { report, paging } = usePagedReport<AppUsageReport>('app-usage', query);
  return (
    <ReportBody report={report}>
      {(data) => (
        <>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <Paper withBorder p="md">
              <ActiveUsersChart series={data.series} />
            </Paper>
            <Paper withBorder p="md">
              {data.apps.length > 0 ? <AppUsageAppsChart apps={data.apps} /> : noUse}
            </Paper>
          </SimpleGrid>
          <ReportSection title="Apps">
            <ReportTable
              label="Usage per app"
              rows={data.apps}
              columns={appUsageAppColumns}
              rowKey={(row) => row.app}
              minWidth={520}
              empty={noUse}
            />
          </ReportSection>
          <ReportSection title="Per user and app" description="Only people who used an app in this period.">
            <ReportTable
              label="Usage per user and app"
              rows={data.rows}
              columns={appUsageColumns}
              rowKey={(row) => `${row.userId}:${row.app}`}
              minWidth={720}
              server={paging}
              empty={noUse}
            />
          </ReportSection>
        </>
      )}
    </ReportBody>
  );
}
