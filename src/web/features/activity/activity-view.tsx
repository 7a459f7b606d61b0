import { Group, Stack } from '@mantine/core';
import { type ReactNode, useMemo } from 'react';
import { CsvDownloadButton } from '../../lib/csv-download-button';
import { LoadMore } from '../../lib/load-more';
import { PageError } from '../../lib/page-error';
import { ShownCount } from '../../lib/shown-count';
import { useProductNames } from '../products/use-product-names';
import { activityCsvUrl } from './activity.api';
import { emptyActivityFilters } from './activity.types';
import { ActivityCards } from './activity-cards';
import { ActivityEmpty } from './activity-empty';
import { ActivityFilterBar } from './activity-filter-bar';
import { userIdOfActivityPath } from './activity-path';
import { hasActiveFilters, toActivityQuery } from './activity-query';
import { ActivityTable } from './activity-table';
import { GeoipAttribution } from './geoip-attribution';
import { useActivity } from './use-activity';
import { useActivityFilters } from './use-activity-filters';
import { useCompactLayout } from './use-compact-layout';
import { useSeenCountries } from './use-seen-countries';
import { UserPlacesMap } from './user-places-map';

interface ActivityViewProps {
  /** `/me/activity` or `/users/{id}/activity`. */
  path: string;
  /** Opens a sign-in's detail from its row or card: an owner's view of a user; a member's own page has none. */
  onOpenSignIn?: (id: string) => void;
  /** Shown after the list: the sign-in detail drawer, which the caller brings so that activity needs no sign-ins. */
  children?: ReactNode;
}

/**
 * Sign-in attempts and app sessions with filters, paging and CSV export; the same view for an owner and for a
 * member's own page.
 */
export function ActivityView({ path, onOpenSignIn, children }: ActivityViewProps) {
  // An owner's view of a user: a map shows where the user signed in from.
  const userId = userIdOfActivityPath(path);
  const compact = useCompactLayout();
  const [filters, setFilters] = useActivityFilters();
  const query = useMemo(() => toActivityQuery(filters), [filters]);
  const activity = useActivity(path, query);
  const items = useMemo(() => activity.data?.pages.flatMap((page) => page.items) ?? [], [activity.data]);
  const seenCountries = useSeenCountries(items);
  const appNames = useProductNames();
  const filtered = hasActiveFilters(filters);

  return (
    <Stack gap="md">
      {userId && <UserPlacesMap userId={userId} />}
      <ActivityFilterBar value={filters} onChange={setFilters} seenCountries={seenCountries} compact={compact} />
      <Group justify="space-between" align="center" gap="sm">
        <ShownCount
          loaded={activity.isSuccess}
          count={items.length}
          singular="entry"
          plural="entries"
          more={activity.hasNextPage}
        />
        <CsvDownloadButton href={activityCsvUrl(path, query)} />
      </Group>
      {activity.isError && !activity.isFetchNextPageError ? (
        <PageError error={activity.error} title="Could not load activity" onRetry={() => activity.refetch()} />
      ) : !activity.isPending && items.length === 0 ? (
        <ActivityEmpty filtered={filtered} onClearFilters={() => setFilters(emptyActivityFilters)} />
      ) : compact ? (
        <ActivityCards items={items} loading={activity.isPending} appNames={appNames} onOpenSignIn={onOpenSignIn} />
      ) : (
        <ActivityTable items={items} loading={activity.isPending} appNames={appNames} onOpenSignIn={onOpenSignIn} />
      )}
      <LoadMore query={activity} />
      <GeoipAttribution />
      {children}
    </Stack>
  );
}
