import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../lib/api';
import { ProblemAlert } from '../../lib/problem-alert';
import { createWebhook, securitySettingsKeys, type WebhookWithSecret } from './security-settings.api';

/** A URL (and what it is); the new webhook's secret goes to `onCreated` to be shown once. */
export function AddWebhookForm({ onCreated }: { onCreated: (created: WebhookWithSecret) => void }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: createWebhook,
    onSuccess: (created) => {
      setUrl('');
      setDescription('');
      void queryClient.invalidateQueries({ queryKey: securitySettingsKeys.webhooks });
      onCreated(created);
    },
    onError: (error) => {
      // A refused address (private network, not http(s)) is said under the URL field.
      if (error instanceof ApiError && error.status === 400) setUrlError(error.problem.detail ?? error.problem.title);
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = url.trim();
    if (!/^https?:\/\/\S+$/i.test(trimmed)) {
      setUrlError('Enter a URL starting with https:// (or http://).');
      return;
    }
    setUrlError(null);
    mutation.mutate({ url: trimmed, description: description.trim() || undefined });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Add a webhook">
      <Stack gap="sm">
        {mutation.isError && !urlError && <ProblemAlert error={mutation.error} />}
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label="Receiver URL"
            placeholder="https://hooks.example.com/seatkeeper"
            value={url}
            onChange={(event) => {
              setUrl(event.currentTarget.value);
              setUrlError(null);
            }}
            error={urlError}
            maxLength={2000}
            type="url"
            autoComplete="off"
            style={{ flex: '2 1 260px' }}
          />
          <TextInput
            label="Description (optional)"
            placeholder="Security team’s chat"
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            maxLength={200}
            style={{ flex: '1 1 200px' }}
          />
        </Group>
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            Add webhook
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
