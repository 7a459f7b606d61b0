import { Paper, Text } from '@mantine/core';
import type { SecurityReport } from '../../../contract/reports';
import { FailuresChart } from './failures-chart';
import { ReportBody } from './report-body';
import { ReportEmpty } from './report-empty';
import { ReportSection } from './report-section';
import { ReportTable } from './report-table';
import type { ReportViewProps } from './report-view-props';
import { securityIpColumns, securityUserColumns } from './security-columns';
import { useReport } from './use-report';

const noFailures = <ReportEmpty title="No failed sign-ins" description="No attempt failed in this period." />;

export function SecurityReportView({ query }: ReportViewProps) {
  const report = useReport<SecurityReport>('security', query);
  return (
    <ReportBody report={report}>
      {(data) => (
        <>
          <Paper withBorder p="md">
            <FailuresChart series={data.series} />
          </Paper>
          <ReportSection
            title="By user"
            description="Accounts with at least one failed attempt. Throttled: attempts refused for too many failures."
          >
            <ReportTable
              label="Failed sign-ins by user"
              rows={data.rows}
              columns={securityUserColumns}
              rowKey={(row) => row.userId}
              minWidth={820}
              empty={noFailures}
            />
          </ReportSection>
          <ReportSection
            title="By IP address"
            description="Addresses that failed on this organization’s accounts; one address on many accounts suggests an attack. Counted from each day’s 100 most failing addresses, over the days an address was among them; at most 100 shown."
          >
            <ReportTable
              label="Failed sign-ins by IP address"
              rows={data.ips}
              columns={securityIpColumns}
              rowKey={(row) => row.ip}
              minWidth={640}
              empty={noFailures}
            />
            {data.otherAddresses.failed > 0 && (
              <Text size="sm" c="dimmed" mt="xs">
                {data.otherAddresses.failed.toLocaleString()} more failed attempts came from other addresses.
              </Text>
            )}
          </ReportSection>
        </>
      )}
    </ReportBody>
  );
}
