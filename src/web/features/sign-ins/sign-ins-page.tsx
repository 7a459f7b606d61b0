import { Group, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { CsvDownloadButton } from '../../lib/csv-download-button';
import { LoadMore } from '../../lib/load-more';
import { PageError } from '../../lib/page-error';
import { usePageTitle } from '../../lib/page-title';
import { ShownCount } from '../../lib/shown-count';
import { GeoipAttribution } from '../activity/geoip-attribution';
import { useCompactLayout } from '../activity/use-compact-layout';
import { useSeenCountries } from '../activity/use-seen-countries';
import { useProductNames } from '../products/use-product-names';
import { ColumnChooser } from './column-chooser';
import { ipFilterError } from './ip-filter-error';
import { SignInDrawer } from './sign-in-drawer';
import { countActiveFilters } from './sign-in-filters';
import { signInsCsvUrl } from './sign-ins.api';
import { emptySignInFilters } from './sign-ins.types';
import { SignInsCards } from './sign-ins-cards';
import { SignInsEmpty } from './sign-ins-empty';
import { SignInsFilterBar } from './sign-ins-filter-bar';
import { toSignInsQuery } from './sign-ins-query';
import { SignInsTable } from './sign-ins-table';
import { useColumnChoice } from './use-column-choice';
import { useOpenSignIn } from './use-open-sign-in';
import { useSignInFilters } from './use-sign-in-filters';
import { useSignIns } from './use-sign-ins';

/** Every sign-in attempt in the organization, newest first, filtered and paged, each opening its detail. */
export function SignInsPage() {
  usePageTitle('Sign-ins');
  const compact = useCompactLayout();
  const [filters, setFilters] = useSignInFilters();
  const query = useMemo(() => toSignInsQuery(filters), [filters]);
  const signIns = useSignIns(query);
  const items = useMemo(() => signIns.data?.pages.flatMap((page) => page.items) ?? [], [signIns.data]);
  const seenCountries = useSeenCountries(items);
  const appNames = useProductNames();
  const columns = useColumnChoice();
  const { open } = useOpenSignIn();
  const ipError = signIns.isError ? ipFilterError(signIns.error, filters.ip) : null;
  const filtered = countActiveFilters(filters) > 0;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Sign-ins</Title>
        <Text c="dimmed" size="sm">
          Every attempt to sign in to this console or your apps, by anyone in your organization, successful or not. Open
          one for its device, network, place and the attempt before it.
        </Text>
      </div>

      <SignInsFilterBar
        compact={compact}
        value={filters}
        onChange={setFilters}
        seenCountries={seenCountries}
        ipError={ipError ?? undefined}
      />

      <Group justify="space-between" align="center" gap="sm">
        <ShownCount
          loaded={signIns.isSuccess}
          count={items.length}
          singular="sign-in"
          plural="sign-ins"
          more={signIns.hasNextPage}
        />
        <Group gap="sm">
          {!compact && <ColumnChooser visible={columns.visible} onToggle={columns.toggle} onReset={columns.reset} />}
          <CsvDownloadButton href={signInsCsvUrl(query)} />
        </Group>
      </Group>

      {signIns.isError && !signIns.isFetchNextPageError ? (
        ipError ? (
          <PageError error={signIns.error} title="This address or network cannot be searched" />
        ) : (
          <PageError error={signIns.error} title="Could not load sign-ins" onRetry={() => signIns.refetch()} />
        )
      ) : !signIns.isPending && items.length === 0 ? (
        <SignInsEmpty filtered={filtered} onClearFilters={() => setFilters(emptySignInFilters)} />
      ) : compact ? (
        <SignInsCards signIns={items} loading={signIns.isPending} appNames={appNames} onOpen={open} />
      ) : (
        <SignInsTable
          signIns={items}
          loading={signIns.isPending}
          columns={columns.visible}
          appNames={appNames}
          onOpen={open}
        />
      )}
      <LoadMore query={signIns} />
      <GeoipAttribution />
      <SignInDrawer />
    </Stack>
  );
}
