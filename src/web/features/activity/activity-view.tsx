import { Button, Group, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMemo } from 'react';
import { PageError } from '../../lib/page-error';
import { ProblemAlert } from '../../lib/problem-alert';
import { useProductNames } from '../products/use-product-names';
import { activityCsvUrl } from './activity.api';
import { emptyActivityFilters } from './activity.types';
import { ActivityEmpty } from './activity-empty';
import { ActivityFilterBar } from './activity-filter-bar';
import { hasActiveFilters, toActivityQuery } from './activity-query';
import { ActivityTable } from './activity-table';
import { GeoipAttribution } from './geoip-attribution';
import { useActivity } from './use-activity';
import { useActivityFilters } from './use-activity-filters';
import { useSeenCountries } from './use-seen-countries';

interface ActivityViewProps {
  /** `/me/activity` or `/users/{id}/activity`. */
  path: string;
}

/**
 * Sign-in attempts and app sessions with filters, paging and CSV export; the same view for an owner and for a
 * member's own page.
 */
export function ActivityView({ path }: ActivityViewProps) {
  const [filters, setFilters] = useActivityFilters();
  const query = useMemo(() => toActivityQuery(filters), [filters]);
  const activity = useActivity(path, query);
  const items = useMemo(() => activity.data?.pages.flatMap((page) => page.items) ?? [], [activity.data]);
  const seenCountries = useSeenCountries(items);
  const appNames = useProductNames();
  const filtered = hasActiveFilters(filters);

  return (
    <Stack gap="md">
      <ActivityFilterBar value={filters} onChange={setFilters} seenCountries={seenCountries} />
      <Group justify="space-between" align="center" gap="sm">
        <Text size="sm" c="dimmed" aria-live="polite">
          {activity.isSuccess && items.length > 0 && (
            <>
              Showing {items.length} {items.length === 1 ? 'entry' : 'entries'}
              {activity.hasNextPage ? ', more available' : ''}
            </>
          )}
        </Text>
        <Button
          component="a"
          href={activityCsvUrl(path, query)}
          download
          variant="default"
          size="sm"
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          Download CSV
        </Button>
      </Group>
      {activity.isError && !activity.isFetchNextPageError ? (
        <PageError error={activity.error} title="Could not load activity" onRetry={() => activity.refetch()} />
      ) : !activity.isPending && items.length === 0 ? (
        <ActivityEmpty filtered={filtered} onClearFilters={() => setFilters(emptyActivityFilters)} />
      ) : (
        <ActivityTable items={items} loading={activity.isPending} appNames={appNames} />
      )}
      {activity.isFetchNextPageError && <ProblemAlert error={activity.error} />}
      {activity.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => activity.fetchNextPage()} loading={activity.isFetchingNextPage}>
            Load more
          </Button>
        </Group>
      )}
      <GeoipAttribution />
    </Stack>
  );
}
