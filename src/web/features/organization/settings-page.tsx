import { Anchor, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight, IconKey, IconShieldLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageError } from '../../lib/page-error';
import { usePageTitle } from '../../lib/page-title';
import { ApiTokensSettingsLink } from '../api-tokens/api-tokens-settings-link';
import { ReportsRecountProgress } from '../organization/reports-recount-progress';
import { SettingsForm } from '../organization/settings-form';
import { useOrganizationSettings } from '../organization/use-organization-settings';
import { RetentionSettingsLink } from '../retention/retention-settings-link';

export function SettingsPage() {
  usePageTitle('Settings');
  const settings = useOrganizationSettings();
  return (
    <Stack gap="lg" maw={760}>
      <div>
        <Title order={1}>Settings</Title>
        <Text c="dimmed" size="sm">
          Your organization’s name, the time zone its reports count days in, and when people and seats count as idle.
        </Text>
      </div>
      {settings.isPending ? (
        <Skeleton height={460} role="status" aria-busy aria-label="Loading the settings" />
      ) : settings.isError ? (
        <PageError error={settings.error} title="Could not load the settings" onRetry={() => settings.refetch()} />
      ) : (
        <Paper withBorder p="lg">
          <Stack gap="lg">
            <ReportsRecountProgress recount={settings.data.reportsRecount} />
            <SettingsForm settings={settings.data} />
          </Stack>
        </Paper>
      )}
      <Paper withBorder p="lg" component="section" aria-labelledby="security-settings-link-title">
        <Group gap="sm" align="flex-start" wrap="nowrap">
          <IconShieldLock size={24} aria-hidden />
          <Stack gap={4}>
            <Title order={2} size="h4" id="security-settings-link-title">
              Security
            </Title>
            <Text size="sm" c="dimmed">
              Alert rules and their thresholds, trusted office networks, e-mail to owners, “was this you?” mails and
              webhooks.
            </Text>
            <Anchor component={Link} to="/settings/security" size="sm">
              <Group gap={4} component="span">
                Security settings
                <IconArrowRight size={14} aria-hidden />
              </Group>
            </Anchor>
          </Stack>
        </Group>
      </Paper>
      <Paper withBorder p="lg" component="section" aria-labelledby="sso-settings-link-title">
        <Group gap="sm" align="flex-start" wrap="nowrap">
          <IconKey size={24} aria-hidden />
          <Stack gap={4}>
            <Title order={2} size="h4" id="sso-settings-link-title">
              Single sign-on
            </Title>
            <Text size="sm" c="dimmed">
              Sign in through your identity provider (OpenID Connect): its domains, accounts created at first sign-in,
              single sign-on only.
            </Text>
            <Anchor component={Link} to="/settings/sso" size="sm">
              <Group gap={4} component="span">
                Single sign-on settings
                <IconArrowRight size={14} aria-hidden />
              </Group>
            </Anchor>
          </Stack>
        </Group>
      </Paper>
      <ApiTokensSettingsLink />
      <RetentionSettingsLink />
    </Stack>
  );
}
