import { Anchor, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PageError } from '../../lib/page-error';
import { usePageTitle } from '../../lib/page-title';
import { fetchSsoSettings, ssoKeys } from './sso.api';
import { SsoSettingsForm } from './sso-settings-form';

/** Settings → Single sign-on (owners): the organization's OpenID Connect provider. */
export function SsoSettingsPage() {
  usePageTitle('Single sign-on');
  const settings = useQuery({ queryKey: ssoKeys.settings, queryFn: ({ signal }) => fetchSsoSettings(signal) });
  return (
    <Stack gap="lg" maw={760}>
      <div>
        <Anchor component={Link} to="/settings" size="sm">
          ← Settings
        </Anchor>
        <Title order={1}>Single sign-on</Title>
        <Text c="dimmed" size="sm">
          Let your people sign in through your identity provider (OpenID Connect). Their second factors are the
          provider’s business: Seatkeeper does not ask its own second step after single sign-on.
        </Text>
      </div>
      {settings.isPending ? (
        <Skeleton height={520} role="status" aria-busy aria-label="Loading the single sign-on settings" />
      ) : settings.isError ? (
        <PageError
          error={settings.error}
          title="Could not load the single sign-on settings"
          onRetry={() => settings.refetch()}
        />
      ) : (
        <Paper withBorder p="lg">
          {/* Keyed by the save time: a saved or removed connection starts a fresh draft. */}
          <SsoSettingsForm key={settings.data.connection?.updatedAt ?? 'none'} settings={settings.data} />
        </Paper>
      )}
    </Stack>
  );
}
