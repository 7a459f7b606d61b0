import { Anchor, Group, Stack, Tabs } from '@mantine/core';
import { IconActivity, IconArmchair, IconArrowLeft, IconDevices, IconId } from '@tabler/icons-react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page';
import { PageError } from '../../lib/page-error';
import { PageLoader } from '../../lib/page-loader';
import { usePageTitle } from '../../lib/page-title';
import { isApiError } from '../../lib/problem-message';
import { ActivityView } from '../activity/activity-view';
import { UserLicensesTab } from '../licenses/user-licenses-tab';
import { SignInDrawer } from '../sign-ins/sign-in-drawer';
import { useOpenSignIn } from '../sign-ins/use-open-sign-in';
import { UserSessionsTab } from '../user-sessions/user-sessions-tab';
import { useUser } from './use-user';
import { UserDetails } from './user-details';
import { UserHeader } from './user-header';

const tabs = ['details', 'licenses', 'activity', 'sessions'] as const;
type Tab = (typeof tabs)[number];

export function UserPage() {
  const { id = '', tab = 'details' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const user = useUser(id);
  const { open: openSignIn } = useOpenSignIn();
  usePageTitle(user.data?.name);
  // Back to the list as it was left (search, filters, sort), when we came from it.
  const from = (location.state as { from?: string } | null)?.from ?? '/users';

  if (!tabs.includes(tab as Tab)) return <NotFoundPage />;
  const back = (
    <Anchor component={Link} to={from} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        All users
      </Group>
    </Anchor>
  );

  if (user.isPending) return <PageLoader label="Loading user" />;
  if (user.isError) {
    return (
      <Stack gap="md">
        {back}
        {isApiError(user.error, 404) ? (
          <NotFoundPage />
        ) : (
          <PageError error={user.error} title="Could not load this user" onRetry={() => user.refetch()} />
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      {back}
      <UserHeader user={user.data} />
      <Tabs
        value={tab}
        onChange={(next) =>
          navigate(next && next !== 'details' ? `/users/${id}/${next}` : `/users/${id}`, {
            replace: true,
            state: location.state,
          })
        }
      >
        <Tabs.List>
          <Tabs.Tab value="details" leftSection={<IconId size={16} aria-hidden />}>
            Details
          </Tabs.Tab>
          <Tabs.Tab value="licenses" leftSection={<IconArmchair size={16} aria-hidden />}>
            Licenses
          </Tabs.Tab>
          <Tabs.Tab value="activity" leftSection={<IconActivity size={16} aria-hidden />}>
            Activity
          </Tabs.Tab>
          <Tabs.Tab value="sessions" leftSection={<IconDevices size={16} aria-hidden />}>
            Sessions
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details" pt="lg">
          <UserDetails user={user.data} />
        </Tabs.Panel>
        <Tabs.Panel value="licenses" pt="lg">
          <UserLicensesTab user={user.data} />
        </Tabs.Panel>
        <Tabs.Panel value="activity" pt="lg">
          <ActivityView key={id} path={`/users/${encodeURIComponent(id)}/activity`} onOpenSignIn={openSignIn}>
            <SignInDrawer />
          </ActivityView>
        </Tabs.Panel>
        <Tabs.Panel value="sessions" pt="lg">
          {tab === 'sessions' && <UserSessionsTab key={id} user={user.data} />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
