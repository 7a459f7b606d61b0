import { Anchor, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { PrivacySettings } from '../../../contract/privacy-settings';
import { formatDateTime } from '../../lib/format-date';
import { PageError } from '../../lib/page-error';
import { usePageTitle } from '../../lib/page-title';
import { fetchPrivacySettings, retentionKeys } from './retention.api';
import { RetentionSettingsForm } from './retention-settings-form';

/** Settings → Retention and privacy: how long raw events and the audit log are kept, IP anonymisation, the purges. */
export function RetentionSettingsPage() {
  usePageTitle('Retention and privacy');
  const settings = useQuery({
    queryKey: retentionKeys.settings,
    queryFn: ({ signal }) => fetchPrivacySettings(signal),
  });
  return (
    <Stack gap="lg" maw={760}>
      <div>
        <Anchor component={Link} to="/settings" size="sm">
          ← Settings
        </Anchor>
        <Title order={1}>Retention and privacy</Title>
        <Text c="dimmed" size="sm">
          How long the detailed records are kept and whether client addresses are anonymised. Once an hour a purge
          deletes what is past its time and anonymises what is due; the reports’ daily totals are never deleted.
        </Text>
      </div>
      {settings.isPending ? (
        <Skeleton height={420} role="status" aria-busy aria-label="Loading the retention settings" />
      ) : settings.isError ? (
        <PageError
          error={settings.error}
          title="Could not load the retention settings"
          onRetry={() => settings.refetch()}
        />
      ) : (
        <>
          <Paper withBorder p="lg">
            <RetentionSettingsForm settings={settings.data} />
          </Paper>
          <PurgeStatus settings={settings.data} />
        </>
      )}
    </Stack>
  );
}

function PurgeStatus({ settings }: { settings: PrivacySettings }) {
  const { lastPurge, nextPurgeAt } = settings;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="purge-status-title">
      <Stack gap={4}>
        <Title order={2} size="h4" id="purge-status-title">
          Purges
        </Title>
        <Text size="sm">
          {lastPurge
            ? `Last purge ${formatDateTime(lastPurge.finishedAt)}: ${lastPurge.deleted.toLocaleString()} records deleted, ${lastPurge.anonymised.toLocaleString()} anonymised in this organization.`
            : 'No purge has run yet.'}
        </Text>
        <Text size="sm" c="dimmed">
          Next purge {formatDateTime(nextPurgeAt)}.
        </Text>
      </Stack>
    </Paper>
  );
}
