import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { LoadMore } from '../../lib/load-more';
import { PageError } from '../../lib/page-error';
import { usePageTitle } from '../../lib/page-title';
import { ShownCount } from '../../lib/shown-count';
import { useCompactLayout } from '../activity/use-compact-layout';
import { AlertDrawer } from './alert-drawer';
import { countAlertFilters, toAlertsQuery } from './alert-filters';
import { AlertsCards } from './alerts-cards';
import { AlertsEmpty } from './alerts-empty';
import { AlertsFilterBar } from './alerts-filter-bar';
import { AlertsTable } from './alerts-table';
import { StatusTabs } from './status-tabs';
import { useAlertFilters } from './use-alert-filters';
import { useAlerts } from './use-alerts';
import { useOpenAlert } from './use-open-alert';

/** The alerts inbox: what the detectors raised, filtered and paged, each opening its evidence and its actions. */
export function SecurityPage() {
  usePageTitle('Security');
  const compact = useCompactLayout();
  const [filters, setFilters] = useAlertFilters();
  const query = useMemo(() => toAlertsQuery(filters), [filters]);
  const alerts = useAlerts(query);
  const items = useMemo(() => alerts.data?.pages.flatMap((page) => page.items) ?? [], [alerts.data]);
  const counts = alerts.data?.pages[0]?.counts ?? null;
  const { open } = useOpenAlert();
  const filtered = countAlertFilters(filters) > 0;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Security</Title>
        <Text c="dimmed" size="sm">
          Alerts raised from your organization’s sign-ins, each explained, with the sign-ins and places behind it.
          Acknowledge one while you look into it; resolve it when done.{' '}
          <Anchor component={Link} to="/settings/security" size="sm">
            Rules and notifications
          </Anchor>
        </Text>
      </div>

      <StatusTabs
        value={filters.status}
        onChange={(status) => setFilters({ status })}
        counts={counts}
        compact={compact}
      />
      <AlertsFilterBar value={filters} onChange={setFilters} compact={compact} />

      <Group justify="space-between" align="center" gap="sm">
        <ShownCount
          loaded={alerts.isSuccess}
          count={items.length}
          singular="alert"
          plural="alerts"
          more={alerts.hasNextPage}
        />
      </Group>

      {alerts.isError && !alerts.isFetchNextPageError ? (
        <PageError error={alerts.error} title="Could not load alerts" onRetry={() => alerts.refetch()} />
      ) : !alerts.isPending && items.length === 0 ? (
        <AlertsEmpty
          status={filters.status}
          filtered={filtered}
          onClearFilters={() => setFilters({ type: null, severity: null, user: null })}
        />
      ) : compact ? (
        <AlertsCards alerts={items} loading={alerts.isPending} onOpen={open} />
      ) : (
        <AlertsTable alerts={items} loading={alerts.isPending} onOpen={open} />
      )}
      <LoadMore query={alerts} />
      <AlertDrawer />
    </Stack>
  );
}
