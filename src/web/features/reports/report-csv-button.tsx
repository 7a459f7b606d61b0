import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useSession } from '../auth/session-context';
import { todayIn } from './report-range';
import { reportCsvUrl } from './reports.api';
import type { ReportName, ReportQuery } from './reports.types';

/**
 * The file name says which days it holds, as the server names it (its Content-Disposition decides; this is the
 * browser's fallback): `logins-2026-11-01-to-2026-11-30.csv`, or `inactive-users-as-of-2026-12-01.csv` for a report
 * about the present. Days in the organization's time zone.
 */
export function reportCsvFileName(name: ReportName, query: ReportQuery, today: string): string {
  return `${name}-${query.from && query.to ? `${query.from}-to-${query.to}` : `as-of-${today}`}.csv`;
}

/** The report's rows for the same range and options, as a CSV file. */
export function ReportCsvButton({ name, query }: { name: ReportName; query: ReportQuery }) {
  const { organization } = useSession();
  return (
    <Button
      component="a"
      href={reportCsvUrl(name, query)}
      download={reportCsvFileName(name, query, todayIn(organization.timeZone))}
      variant="default"
      leftSection={<IconDownload size={16} aria-hidden />}
    >
      Download CSV
    </Button>
  );
}
