import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { usePageTitle } from '../../lib/page-title';
import { RecountingNotice } from './recounting-notice';
import { ReportCard } from './report-card';
import { reportCatalogue } from './report-catalogue';

export function ReportsPage() {
  usePageTitle('Reports');
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Reports</Title>
        <Text c="dimmed" size="sm">
          Who uses what, and when. Each report has a period, a sortable table and a CSV export; the same data is
          available over the API.
        </Text>
      </div>
      <RecountingNotice />
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="lg">
        {reportCatalogue.map((report) => (
          <ReportCard key={report.name} report={report} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
