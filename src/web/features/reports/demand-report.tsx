import { Alert, Stack, Text } from '@mantine/core';
import type { DemandReport } from '../../../contract/reports';
import { DemandChart } from './demand-chart';
import { demandColumns } from './demand-columns';
import { ReportBody } from './report-body';
import { ReportEmpty } from './report-empty';
import { formatCount } from './report-format';
import { ReportSection } from './report-section';
import { ReportTable } from './report-table';
import type { ReportViewProps } from './report-view-props';
import { useReport } from './use-report';

/** Charts drawn at most: the pools that reached capacity most come first. */
const MAX_CHARTS = 6;

export function DemandReportView({ query }: ReportViewProps) {
  const report = useReport<DemandReport>('demand', query);
  return (
    <ReportBody report={report}>
      {(data) => {
        const pools = data.rows
          .filter((row) => row.kind === 'floating')
          .sort((a, b) => b.hoursAtCapacity - a.hoursAtCapacity || a.appName.localeCompare(b.appName));
        return (
          <>
            {pools.map((row) => (
              <Alert
                key={row.subscriptionId}
                color={row.change > 0 ? 'orange' : row.change < 0 ? 'blue' : 'teal'}
                title={row.recommendation.split(' — ')[0]}
              >
                <Stack gap={2}>
                  <Text size="sm">{row.recommendation.split(' — ').slice(1).join(' — ')}.</Text>
                  <Text size="sm" c="dimmed">
                    In this period: peak {formatCount(row.peakInUse)} of {formatCount(row.seats)} seats,{' '}
                    {formatCount(row.hoursAtCapacity)} {row.hoursAtCapacity === 1 ? 'hour' : 'hours'} at capacity,{' '}
                    {formatCount(row.turnedAwayUsers)} {row.turnedAwayUsers === 1 ? 'person' : 'people'} turned away.
                  </Text>
                </Stack>
              </Alert>
            ))}
            {pools.slice(0, MAX_CHARTS).map((row) => (
              <ReportSection key={row.subscriptionId} title={row.appName}>
                <DemandChart
                  row={row}
                  series={data.series.filter((day) => day.subscriptionId === row.subscriptionId)}
                />
              </ReportSection>
            ))}
            <ReportSection
              title="Seats in use per subscription"
              description="Peak: the most seats in use in any hour of the period (hours without a change keep the level before them). p95: the 95th percentile of hourly peaks over the last 30, 90 and 365 days. Recommended: floating pools, the 90-day p95 of hourly demand (peak in use plus people turned away); named seats, as in the Licenses report."
            >
              <ReportTable
                label="Seats in use per subscription"
                rows={data.rows}
                columns={demandColumns}
                rowKey={(row) => row.subscriptionId}
                initialSort={{ column: 'hoursAtCapacity', order: 'desc' }}
                minWidth={1100}
                empty={
                  <ReportEmpty
                    title="No subscriptions"
                    description="When your operator records a purchase, it appears here."
                  />
                }
              />
            </ReportSection>
          </>
        );
      }}
    </ReportBody>
  );
}
