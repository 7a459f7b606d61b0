import { Badge, Button, Collapse, Group, Modal, Paper, Stack, Switch, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import type { Webhook } from '../../../contract/security';
import { formatDateTime } from '../../lib/format-date';
import { ProblemAlert } from '../../lib/problem-alert';
import { DeliveryStatusBadge } from './delivery-status-badge';
import {
  deleteWebhook,
  rotateWebhookSecret,
  securitySettingsKeys,
  sendTestWebhook,
  updateWebhook,
  type WebhookWithSecret,
} from './security-settings.api';
import { WebhookDeliveries } from './webhook-deliveries';

interface WebhookCardProps {
  webhook: Webhook;
  /** A rotated secret, to be shown once. */
  onSecret: (created: WebhookWithSecret) => void;
}

/** One receiver: on/off, its last delivery, test, rotate, delete (asked first), and its delivery log. */
export function WebhookCard({ webhook, onSecret }: WebhookCardProps) {
  const queryClient = useQueryClient();
  const [logOpen, log] = useDisclosure(false);
  const [confirmingDelete, confirmDelete] = useDisclosure(false);
  const logId = useId();
  const name = webhook.description || webhook.url;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: securitySettingsKeys.webhooks });
  };

  const toggle = useMutation({ mutationFn: updateWebhook, onSuccess: refresh });
  const rotate = useMutation({
    mutationFn: rotateWebhookSecret,
    onSuccess: (rotated) => {
      refresh();
      onSecret(rotated);
    },
  });
  const test = useMutation({
    mutationFn: sendTestWebhook,
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'Test message queued: its delivery shows in the log.' });
      void queryClient.invalidateQueries({ queryKey: securitySettingsKeys.deliveries(webhook.id) });
      refresh();
      if (!logOpen) log.open();
    },
  });
  const remove = useMutation({
    mutationFn: deleteWebhook,
    onSuccess: () => {
      confirmDelete.close();
      notifications.show({ color: 'teal', message: 'Webhook deleted.' });
      refresh();
    },
  });
  const failed = [toggle, rotate, test].find((mutation) => mutation.isError);

  return (
    <Paper withBorder p="md" component="li" style={{ listStyle: 'none' }}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2} style={{ minWidth: 0, flex: '1 1 240px' }}>
            <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {webhook.url}
            </Text>
            {webhook.description && (
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {webhook.description}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              Added {formatDateTime(webhook.createdAt)}
              {webhook.secretRotatedAt ? ` · secret rotated ${formatDateTime(webhook.secretRotatedAt)}` : ''}
            </Text>
          </Stack>
          <Switch
            label={webhook.enabled ? 'Enabled' : 'Disabled'}
            aria-label={`Send to ${name}`}
            checked={webhook.enabled}
            disabled={toggle.isPending}
            onChange={(event) => toggle.mutate({ id: webhook.id, patch: { enabled: event.currentTarget.checked } })}
          />
        </Group>
        <Group gap="xs">
          <Text size="sm">Last delivery:</Text>
          {webhook.lastDelivery ? (
            <>
              <DeliveryStatusBadge status={webhook.lastDelivery.status} />
              <Text size="sm" c="dimmed">
                {formatDateTime(webhook.lastDelivery.at)}
              </Text>
            </>
          ) : (
            <Badge variant="outline" color="gray">
              None yet
            </Badge>
          )}
        </Group>
        {failed && <ProblemAlert error={failed.error} />}
        <Group gap="xs">
          <Button size="xs" variant="default" loading={test.isPending} onClick={() => test.mutate(webhook.id)}>
            Send test
          </Button>
          <Button size="xs" variant="default" loading={rotate.isPending} onClick={() => rotate.mutate(webhook.id)}>
            Rotate secret
          </Button>
          <Button size="xs" variant="subtle" color="red" onClick={confirmDelete.open}>
            Delete
          </Button>
          <Button
            size="xs"
            variant="subtle"
            onClick={log.toggle}
            aria-expanded={logOpen}
            aria-controls={logId}
            leftSection={
              logOpen ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />
            }
          >
            Delivery log
          </Button>
        </Group>
        <Collapse expanded={logOpen} id={logId}>
          {logOpen && <WebhookDeliveries webhookId={webhook.id} />}
        </Collapse>
      </Stack>
      <Modal opened={confirmingDelete} onClose={confirmDelete.close} title="Delete this webhook?" centered size="sm">
        <Stack gap="md">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            Nothing more is sent to {webhook.url}, and its delivery log is deleted with it.
          </Text>
          {remove.isError && <ProblemAlert error={remove.error} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={confirmDelete.close} data-autofocus>
              Keep it
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(webhook.id)}>
              Delete webhook
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
