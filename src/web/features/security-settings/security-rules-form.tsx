import { Button, Fieldset, Group, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { SecuritySettings } from '../../../contract/security';
import { ApiError } from '../../lib/api';
import { ProblemAlert } from '../../lib/problem-alert';
import { UnsavedChangesDialog } from '../../lib/unsaved-changes-dialog';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { NotificationsFieldset } from './notifications-fieldset';
import { RuleNumberInput } from './rule-number-input';
import {
  checkSecurityDraft,
  type DraftNumber,
  type NumberField,
  type SecurityDraft,
  type SecurityErrors,
  securityPatch,
  serverFieldErrors,
  toSecurityDraft,
} from './security-draft';
import { securitySettingsKeys, updateSecuritySettings } from './security-settings.api';
import { SignInPolicyFieldset } from './sign-in-policy-fieldset';
import { TrustedNetworksEditor } from './trusted-networks-editor';

interface SecurityRulesFormProps {
  settings: SecuritySettings;
  emailConfigured: boolean | null;
}

/** Every rule, the trusted networks and the e-mail choices as one form: one Save, and a warning before leaving unsaved. */
export function SecurityRulesForm({ settings, emailConfigured }: SecurityRulesFormProps) {
  const [draft, setDraft] = useState<SecurityDraft>(() => toSecurityDraft(settings));
  const [errors, setErrors] = useState<SecurityErrors>({});
  // Bumped when a save is refused, to move focus to the first field in error once it renders.
  const [refusals, setRefusals] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const queryClient = useQueryClient();
  const valid = Object.keys(checkSecurityDraft(draft)).length === 0;
  // An invalid draft is unsaved too: its numbers cannot be compared, so it counts as changed.
  const patch = valid ? securityPatch(settings, draft) : null;
  const changed = patch === null || Object.keys(patch).length > 0;
  const unsaved = useUnsavedChanges(changed);

  const mutation = useMutation({
    mutationFn: updateSecuritySettings,
    onSuccess: (updated) => {
      queryClient.setQueryData(securitySettingsKeys.settings, updated);
      setDraft(toSecurityDraft(updated));
      notifications.show({
        color: 'teal',
        title: 'Security settings saved',
        message: 'New sign-ins are judged by them.',
      });
    },
    onError: (error) => {
      setErrors(error instanceof ApiError ? serverFieldErrors(error.problem.errors) : {});
      setRefusals((count) => count + 1);
    },
  });

  useEffect(() => {
    if (refusals > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);

  const setNumber = (field: NumberField, value: DraftNumber) => {
    setDraft((current) => ({ ...current, numbers: { ...current.numbers, [field]: value } }));
    setErrors((current) => ({ ...current, [field]: '' }));
  };
  const number = (field: NumberField, label: string, description: string) => (
    <RuleNumberInput
      field={field}
      label={label}
      description={description}
      value={draft.numbers[field]}
      onChange={setNumber}
      error={errors[field] || undefined}
    />
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!changed || mutation.isPending) return;
    const problems = checkSecurityDraft(draft);
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !patch) setRefusals((count) => count + 1);
    else mutation.mutate(patch);
  };

  const discard = () => {
    setDraft(toSecurityDraft(settings));
    setErrors({});
    mutation.reset();
  };

  const fieldErrorShown = Object.values(errors).some(Boolean);

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby="security-rules-title">
      <Stack gap="lg">
        <Title order={2} size="h3" id="security-rules-title">
          Detection rules
        </Title>
        {mutation.isError && !fieldErrorShown && <ProblemAlert error={mutation.error} />}
        <Fieldset legend="Learning period">
          <Text size="sm" c="dimmed" mb="sm">
            A new user has no habits yet: new-device, new-country and new-place flags wait until both are reached.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            {number('learning.signIns', 'Successful sign-ins', 'Before those flags are raised')}
            {number('learning.days', 'Days since the first sign-in', 'Before those flags are raised')}
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Places and travel">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            {number(
              'newPlaceRadiusKm',
              'New place radius (km)',
              'Farther than this from every place the user has used',
            )}
            {number('impossibleTravel.speedKmh', 'Impossible travel speed (km/h)', 'Faster than this between sign-ins')}
            {number(
              'impossibleTravel.toleranceKm',
              'GeoIP tolerance (km)',
              'Taken off every distance first, as GeoIP places can be this far off',
            )}
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Failed attempts">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            {number('takeover.failures', 'Takeover: failures before a success', 'A success after this many is suspect')}
            {number('takeover.windowMinutes', 'Takeover: within (minutes)', 'How far back those failures count')}
            {number('bruteForce.failures', 'Brute force: failures on one account', 'Raise an alert at this many')}
            {number('bruteForce.windowMinutes', 'Brute force: within (minutes)', 'Counted over this window')}
            {number('spraying.accounts', 'Spraying: accounts one address fails on', 'Raise an alert at this many')}
            {number('spraying.windowMinutes', 'Spraying: within (minutes)', 'Counted over this window')}
          </SimpleGrid>
        </Fieldset>
        <Switch
          label="Alert on a new device"
          description="Raise a low alert when someone signs in from a device they never used (after the learning period)."
          checked={draft.alertOnNewDevice}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            setDraft((current) => ({ ...current, alertOnNewDevice: checked }));
          }}
        />
        <Switch
          label="Alert on every new country"
          description="Off: a first sign-in from a country raises an alert only when it also comes from a new device or a hosting or anonymising network; a trip with one’s own laptop asks the user “was this you?” instead."
          checked={draft.alertOnNewCountryAlone}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            setDraft((current) => ({ ...current, alertOnNewCountryAlone: checked }));
          }}
        />
        <Fieldset legend="Trusted networks">
          <Text size="sm" c="dimmed" mb="sm">
            Your offices’ address ranges: sign-ins from them never raise new-country, new-place or travel flags.
          </Text>
          <TrustedNetworksEditor
            rows={draft.trustedNetworks}
            errors={errors}
            onChange={(rows) => {
              setDraft((current) => ({ ...current, trustedNetworks: rows }));
              setErrors((current) =>
                Object.fromEntries(Object.entries(current).filter(([key]) => !key.startsWith('trustedNetworks.'))),
              );
            }}
          />
        </Fieldset>
        <SignInPolicyFieldset
          draft={draft}
          errors={errors}
          onNumber={setNumber}
          onChange={(next) => setDraft((current) => ({ ...current, signIn: { ...current.signIn, ...next } }))}
        />
        <NotificationsFieldset
          draft={draft}
          errors={errors}
          emailConfigured={emailConfigured}
          onNumber={setNumber}
          onChange={(next) => setDraft((current) => ({ ...current, ...next }))}
        />
        <Group gap="sm">
          <Button type="submit" disabled={!changed} loading={mutation.isPending}>
            Save security settings
          </Button>
          {changed && !mutation.isPending && (
            <Button variant="default" onClick={discard}>
              Discard changes
            </Button>
          )}
          <Text size="sm" c="dimmed" role="status">
            {mutation.isPending ? 'Saving…' : mutation.isSuccess && !changed ? 'Saved.' : ''}
          </Text>
        </Group>
      </Stack>
      <UnsavedChangesDialog unsaved={unsaved} />
    </form>
  );
}
