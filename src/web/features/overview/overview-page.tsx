import { Grid, Stack, Text, Title } from '@mantine/core';
import { PageError } from '../../lib/page-error';
import { usePageTitle } from '../../lib/page-title';
import { RecountingNotice } from '../reports/recounting-notice';
import { ExpiringSoonCard } from './expiring-soon-card';
import { InactiveUsersCard } from './inactive-users-card';
import { OpenAlertsCard } from './open-alerts-card';
import { OverviewSkeleton } from './overview-skeleton';
import { SeatsCard } from './seats-card';
import { SignInsCard } from './sign-ins-card';
import { useOverview } from './use-overview';
import { UsersCard } from './users-card';

export function OverviewPage() {
  usePageTitle('Overview');
  const overview = useOverview();
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Overview</Title>
        <Text c="dimmed" size="sm">
          Your organization at a glance.
          {overview.data && ` Days are calendar days in the organization’s time zone, ${overview.data.timeZone}.`}
        </Text>
      </div>
      <RecountingNotice recounting={overview.data?.recounting} />
      {overview.isPending ? (
        <OverviewSkeleton />
      ) : overview.isError ? (
        <PageError error={overview.error} title="Could not load the overview" onRetry={() => overview.refetch()} />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={12}>
            <OpenAlertsCard openAlerts={overview.data.openAlerts} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
            <UsersCard users={overview.data.users} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
            <SeatsCard seats={overview.data.seats} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
            <InactiveUsersCard count={overview.data.inactiveUsers} days={overview.data.inactivityDays} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <SignInsCard signIns={overview.data.signIns} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
            <ExpiringSoonCard items={overview.data.expiringSoon} />
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
