import { Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { type FormEvent, useState } from 'react';
import { API_TOKEN_MAX_LIFETIME_DAYS, type ApiTokenScope, type CreatedApiToken } from '../../../contract/api-tokens';
import { ApiError } from '../../lib/api';
import { viewerTimeZone } from '../../lib/format-date';
import { ProblemAlert } from '../../lib/problem-alert';
import { apiTokenKeys, createApiToken } from './api-tokens.api';

// biome-ignore lint/suspicious/noControlCharactersInRegex: the server refuses control characters in a name
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F]/;

/** Name, scope and optional expiry; the new token goes to `onCreated` to be shown once. */
export function CreateApiTokenForm({ onCreated }: { onCreated: (created: CreatedApiToken) => void }) {
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiTokenScope>('read');
  // A day (YYYY-MM-DD) in the viewer's zone; the token works until the end of it.
  const [expiresOn, setExpiresOn] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [expiryError, setExpiryError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: createApiToken,
    onSuccess: (created) => {
      setName('');
      setScope('read');
      setExpiresOn(null);
      void queryClient.invalidateQueries({ queryKey: apiTokenKeys.all });
      onCreated(created);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.code === 'invalid-expiry') {
        setExpiryError(error.problem.detail ?? error.problem.title);
      }
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100 || CONTROL_CHARACTERS.test(trimmed)) {
      setNameError('Give the token a name of 1 to 100 characters on one line.');
      return;
    }
    setNameError(null);
    setExpiryError(null);
    mutation.mutate({
      name: trimmed,
      scope,
      ...(expiresOn ? { expiresAt: dayjs(expiresOn).endOf('day').toISOString() } : {}),
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="create-api-token-title">
      <Stack gap="sm">
        <Text fw={600} id="create-api-token-title" component="h2" size="lg" m={0}>
          Create token
        </Text>
        {mutation.isError && !expiryError && <ProblemAlert error={mutation.error} />}
        <TextInput
          label="Name"
          description="What the token is for, so you know which one to revoke later."
          placeholder="Nightly seat sync"
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            setNameError(null);
          }}
          error={nameError}
          maxLength={100}
          autoComplete="off"
          required
        />
        <Radio.Group label="Scope" value={scope} onChange={(value) => setScope(value === 'full' ? 'full' : 'read')}>
          <Stack gap="xs" mt={6}>
            <Radio
              value="read"
              label="Read only"
              description="Reads users, activity, reports and exports; any change is refused."
            />
            <Radio
              value="full"
              label="Full"
              description="Can do what you can do as an owner, as long as you stay one. It cannot manage API tokens or your own password and two-step verification."
            />
          </Stack>
        </Radio.Group>
        <DatePickerInput
          label="Expires (optional)"
          description={`Works until the end of that day (${viewerTimeZone()}); at most ${API_TOKEN_MAX_LIFETIME_DAYS / 365} years ahead. Empty: until revoked.`}
          placeholder="Never"
          value={expiresOn}
          onChange={(day) => {
            setExpiresOn(day);
            setExpiryError(null);
          }}
          minDate={dayjs().format('YYYY-MM-DD')}
          maxDate={dayjs()
            .add(API_TOKEN_MAX_LIFETIME_DAYS - 1, 'day')
            .format('YYYY-MM-DD')}
          valueFormat="MMM D, YYYY"
          clearable
          clearButtonProps={{ 'aria-label': 'No expiry' }}
          error={expiryError}
          maw={260}
        />
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            Create token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
