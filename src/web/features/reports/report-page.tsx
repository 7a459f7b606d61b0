import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page';
import { usePageTitle } from '../../lib/page-title';
import { PhoneFilters } from '../../lib/phone-filters';
import { useSession } from '../auth/session-context';
import { RecountingNotice } from './recounting-notice';
import { findReport } from './report-catalogue';
import { ReportCsvButton } from './report-csv-button';
import { ReportDateRange } from './report-date-range';
import { ReportOptions } from './report-options';
import { toReportQuery } from './report-params';
import { reportViews } from './report-views';
import { useReportParams } from './use-report-params';

export function ReportPage() {
  const { name } = useParams();
  const definition = findReport(name);
  usePageTitle(definition?.title ?? 'Report not found');
  const { organization } = useSession();
  const [params, update, today] = useReportParams();
  const query = useMemo(() => (definition ? toReportQuery(definition, params) : null), [definition, params]);

  if (!definition || !query) return <NotFoundPage />;
  const View = reportViews[definition.name];
  const Icon = definition.icon;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/reports" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          All reports
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-end" gap="md">
        <div>
          <Group gap="xs">
            <Icon size={28} aria-hidden />
            <Title order={1}>{definition.title}</Title>
          </Group>
          <Text c="dimmed" size="sm">
            {definition.description}
          </Text>
        </div>
        <ReportCsvButton name={definition.name} query={query} />
      </Group>
      {/* A period takes two lines on a phone, with the report's own settings more; one setting alone fits. */}
      <PhoneFilters fold={definition.ranged}>
        <Group align="flex-start" gap="md" role="search" aria-label={`${definition.title} report settings`}>
          {definition.ranged && (
            <ReportDateRange
              range={params.range}
              today={today}
              timeZone={organization.timeZone}
              onChange={(range) => update({ range })}
            />
          )}
          <ReportOptions definition={definition} params={params} query={query} onChange={update} />
        </Group>
      </PhoneFilters>
      <RecountingNotice />
      <View key={definition.name} query={query} />
    </Stack>
  );
}
