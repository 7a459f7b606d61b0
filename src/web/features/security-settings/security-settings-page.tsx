import { Anchor, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PageError } from '../../lib/page-error';
import { usePageTitle } from '../../lib/page-title';
import { SecurityRulesForm } from './security-rules-form';
import { fetchNotificationStatus, fetchSecuritySettings, securitySettingsKeys } from './security-settings.api';
import { WebhooksSection } from './webhooks-section';

/** Settings → Security: the detection rules, trusted networks, who is told (e-mail) and where alerts are sent (webhooks). */
export function SecuritySettingsPage() {
  usePageTitle('Security settings');
  const settings = useQuery({
    queryKey: securitySettingsKeys.settings,
    queryFn: ({ signal }) => fetchSecuritySettings(signal),
  });
  const status = useQuery({
    queryKey: securitySettingsKeys.notificationStatus,
    queryFn: ({ signal }) => fetchNotificationStatus(signal),
    retry: false,
  });

  return (
    <Stack gap="lg" maw={860}>
      <div>
        <Anchor component={Link} to="/settings" size="sm">
          ← Settings
        </Anchor>
        <Title order={1}>Security settings</Title>
        <Text c="dimmed" size="sm">
          When a sign-in is flagged and an alert raised, and who hears about it. Alerts themselves are on the{' '}
          <Anchor component={Link} to="/security" size="sm">
            Security
          </Anchor>{' '}
          page.
        </Text>
      </div>
      {settings.isPending ? (
        <Skeleton height={600} role="status" aria-busy aria-label="Loading the security settings" />
      ) : settings.isError ? (
        <PageError
          error={settings.error}
          title="Could not load the security settings"
          onRetry={() => settings.refetch()}
        />
      ) : (
        <Paper withBorder p="lg">
          <SecurityRulesForm settings={settings.data} emailConfigured={status.data?.emailConfigured ?? null} />
        </Paper>
      )}
      <WebhooksSection privateUrlsAllowed={status.data?.privateWebhookUrlsAllowed ?? null} />
    </Stack>
  );
}
