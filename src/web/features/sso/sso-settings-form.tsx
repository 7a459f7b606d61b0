import {
  Button,
  CopyButton,
  Group,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { PutSsoBody, SsoSettings } from '../../../contract/sso';
import { ProblemAlert } from '../../lib/problem-alert';
import { isApiError, problemMessage } from '../../lib/problem-message';
import { deleteSsoSettings, fetchBreakGlassCandidates, saveSsoSettings, ssoKeys } from './sso.api';

interface Draft {
  issuer: string;
  clientId: string;
  clientSecret: string;
  domains: string;
  justInTime: boolean;
  ssoOnly: boolean;
  breakGlassUserId: string | null;
  enabled: boolean;
}

function toDraft(settings: SsoSettings): Draft {
  const connection = settings.connection;
  return {
    issuer: connection?.issuer ?? '',
    clientId: connection?.clientId ?? '',
    clientSecret: '',
    domains: connection?.domains.join('\n') ?? '',
    justInTime: connection?.justInTime ?? false,
    ssoOnly: connection?.ssoOnly ?? false,
    breakGlassUserId: connection?.breakGlassUserId ?? null,
    enabled: connection?.enabled ?? true,
  };
}

const splitDomains = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((domain) => domain.trim())
    .filter(Boolean);

type Errors = Partial<Record<'issuer' | 'clientId' | 'clientSecret' | 'domains' | 'breakGlassUserId', string>>;

function checkDraft(draft: Draft, secretStored: boolean): Errors {
  const errors: Errors = {};
  if (!/^https?:\/\/\S+$/.test(draft.issuer.trim()))
    errors.issuer = 'Enter the issuer URL, e.g. https://login.example.com';
  if (!draft.clientId.trim()) errors.clientId = 'Enter the client ID the provider gave you';
  if (!secretStored && !draft.clientSecret) errors.clientSecret = 'Enter the client secret the provider gave you';
  if (splitDomains(draft.domains).length === 0) errors.domains = 'Enter at least one e-mail domain';
  if (draft.ssoOnly && !draft.breakGlassUserId)
    errors.breakGlassUserId = 'Choose the owner who may still use a password';
  return errors;
}

/** A refusal that belongs to one field: shown there rather than only in the banner. */
function serverErrors(error: unknown): Errors {
  if (isApiError(error, 400, 'sso-discovery-failed')) return { issuer: problemMessage(error) };
  if (isApiError(error, 400, 'sso-client-secret-required')) return { clientSecret: problemMessage(error) };
  if (isApiError(error, 400, 'sso-break-glass-invalid')) return { breakGlassUserId: problemMessage(error) };
  if (isApiError(error, 409, 'sso-domain-taken')) return { domains: problemMessage(error) };
  return {};
}

/** Settings → Single sign-on: the provider, its domains, who may be created and who must use it. */
export function SsoSettingsForm({ settings }: { settings: SsoSettings }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  const [errors, setErrors] = useState<Errors>({});
  const secretStored = settings.connection?.clientSecretSet ?? false;
  const owners = useQuery({
    queryKey: ssoKeys.breakGlassCandidates,
    queryFn: ({ signal }) => fetchBreakGlassCandidates(signal),
  });
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const save = useMutation({
    mutationFn: (body: PutSsoBody) => saveSsoSettings(body),
    onSuccess: (saved) => {
      queryClient.setQueryData(ssoKeys.settings, saved);
      setDraft(toDraft(saved));
      setErrors({});
      notifications.show({
        color: 'teal',
        title: 'Single sign-on saved',
        message: 'The provider answered; the settings apply now.',
      });
    },
    onError: (error) => setErrors(serverErrors(error)),
  });
  const remove = useMutation({
    mutationFn: deleteSsoSettings,
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ssoKeys.settings });
      notifications.show({
        color: 'teal',
        title: 'Single sign-on removed',
        message: 'Everyone signs in with a password again.',
      });
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkDraft(draft, secretStored);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    save.mutate({
      issuer: draft.issuer.trim(),
      clientId: draft.clientId.trim(),
      ...(draft.clientSecret ? { clientSecret: draft.clientSecret } : {}),
      domains: splitDomains(draft.domains),
      justInTime: draft.justInTime,
      ssoOnly: draft.ssoOnly,
      breakGlassUserId: draft.ssoOnly ? draft.breakGlassUserId : null,
      enabled: draft.enabled,
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Single sign-on settings">
      <Stack gap="md">
        {save.isError && Object.keys(serverErrors(save.error)).length === 0 && <ProblemAlert error={save.error} />}
        {remove.isError && <ProblemAlert error={remove.error} />}
        <Stack gap={4}>
          <Text size="sm" fw={500} id="sso-redirect-uri-label">
            Redirect URI to register at your provider
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" ff="monospace" aria-labelledby="sso-redirect-uri-label" style={{ wordBreak: 'break-all' }}>
              {settings.redirectUri}
            </Text>
            <CopyButton value={settings.redirectUri}>
              {({ copied, copy }) => (
                <Button size="compact-xs" variant="light" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Stack>
        <TextInput
          label="Issuer URL"
          description="Your provider’s issuer; Seatkeeper reads its /.well-known/openid-configuration when you save."
          required
          value={draft.issuer}
          error={errors.issuer}
          onChange={(event) => set('issuer', event.currentTarget.value)}
        />
        <TextInput
          label="Client ID"
          required
          value={draft.clientId}
          error={errors.clientId}
          onChange={(event) => set('clientId', event.currentTarget.value)}
        />
        <PasswordInput
          label="Client secret"
          description={secretStored ? 'Stored. Leave empty to keep it; type a new one to replace it.' : undefined}
          required={!secretStored}
          autoComplete="off"
          value={draft.clientSecret}
          error={errors.clientSecret}
          onChange={(event) => set('clientSecret', event.currentTarget.value)}
        />
        <Textarea
          label="E-mail domains"
          description="One per line. People with addresses at these domains sign in through your provider."
          required
          autosize
          minRows={2}
          value={draft.domains}
          error={errors.domains}
          onChange={(event) => set('domains', event.currentTarget.value)}
        />
        <Switch
          label="Create accounts at first sign-in"
          description="Someone at your domains who has no account yet becomes a member when your provider signs them in."
          checked={draft.justInTime}
          onChange={(event) => set('justInTime', event.currentTarget.checked)}
        />
        <Switch
          label="Single sign-on only"
          description="Passwords are refused for addresses at your domains, except for the break-glass owner’s."
          checked={draft.ssoOnly}
          onChange={(event) => set('ssoOnly', event.currentTarget.checked)}
        />
        {draft.ssoOnly && (
          <Select
            label="Break-glass owner"
            description="An owner with a password who can still sign in if the provider fails."
            placeholder={owners.isPending ? 'Loading owners…' : 'Choose an owner'}
            required
            data={(owners.data ?? []).map((owner) => ({ value: owner.id, label: `${owner.name} (${owner.email})` }))}
            value={draft.breakGlassUserId}
            error={errors.breakGlassUserId ?? (owners.isError ? problemMessage(owners.error) : undefined)}
            onChange={(value) => set('breakGlassUserId', value)}
          />
        )}
        <Switch
          label="Enabled"
          description="Switched off, nobody signs in through the provider and passwords work again."
          checked={draft.enabled}
          onChange={(event) => set('enabled', event.currentTarget.checked)}
        />
        <Group justify="space-between">
          <Button type="submit" loading={save.isPending}>
            Save single sign-on
          </Button>
          {settings.connection && (
            <Button variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
              Remove single sign-on
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
