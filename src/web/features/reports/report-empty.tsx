import { EmptyState } from '@mantine/core';
import { IconMoodEmpty } from '@tabler/icons-react';

/** Said where a report has no rows for its period and options. */
export function ReportEmpty({ title, description }: { title: string; description: string }) {
  return <EmptyState icon={<IconMoodEmpty aria-hidden />} title={title} description={description} py="lg" />;
}
