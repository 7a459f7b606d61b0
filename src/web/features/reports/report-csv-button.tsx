import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { reportCsvUrl } from './reports.api';
import type { ReportName, ReportQuery } from './reports.types';

/** The report's rows for the same range and options, as a CSV file. */
export function ReportCsvButton({ name, query }: { name: ReportName; query: ReportQuery }) {
  return (
    <Button
      component="a"
      href={reportCsvUrl(name, query)}
      download
      variant="default"
      leftSection={<IconDownload size={16} aria-hidden />}
    >
      Download CSV
    </Button>
  );
}
