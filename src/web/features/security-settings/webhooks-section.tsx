import { Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PageError } from '../../lib/page-error';
import { AddWebhookForm } from './add-webhook-form';
import { fetchWebhooks, securitySettingsKeys, type WebhookWithSecret } from './security-settings.api';
import { WebhookCard } from './webhook-card';
import { WebhookSecretModal } from './webhook-secret-modal';

/** Signed webhooks (Standard Webhooks) that receive new alerts; each with its delivery log. */
export function WebhooksSection({ privateUrlsAllowed }: { privateUrlsAllowed: boolean | null }) {
  const webhooks = useQuery({
    queryKey: securitySettingsKeys.webhooks,
    queryFn: ({ signal }) => fetchWebhooks(signal),
  });
  const [secret, setSecret] = useState<WebhookWithSecret | null>(null);

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="webhooks-title">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id="webhooks-title">
            Webhooks
          </Title>
          <Text size="sm" c="dimmed">
            Each new alert is sent as a signed POST (Standard Webhooks: <code>webhook-id</code>,{' '}
            <code>webhook-timestamp</code>, <code>webhook-signature</code>), retried with growing waits when the
            receiver fails.
            {privateUrlsAllowed === false &&
              ' Addresses on loopback, private or link-local networks are refused, when saved and at each send.'}
          </Text>
        </div>
        {webhooks.isPending ? (
          <Skeleton height={90} role="img" aria-label="Loading webhooks" />
        ) : webhooks.isError ? (
          <PageError error={webhooks.error} title="Could not load the webhooks" onRetry={() => webhooks.refetch()} />
        ) : webhooks.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No webhook yet.
          </Text>
        ) : (
          <Stack gap="sm" component="ul" p={0} m={0} aria-label="Webhooks">
            {webhooks.data.items.map((webhook) => (
              <WebhookCard key={webhook.id} webhook={webhook} onSecret={setSecret} />
            ))}
          </Stack>
        )}
        <AddWebhookForm onCreated={setSecret} />
      </Stack>
      <WebhookSecretModal
        secret={secret?.secret ?? null}
        url={secret?.webhook.url ?? ''}
        onClose={() => setSecret(null)}
      />
    </Paper>
  );
}
