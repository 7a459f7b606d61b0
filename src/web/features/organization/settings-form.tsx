import { Button, Fieldset, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { OrganizationSettings, PatchOrganizationBody } from '../../../contract/organization';
import { ProblemAlert } from '../../lib/problem-alert';
import { isApiError, problemFieldErrors, problemMessage } from '../../lib/problem-message';
import { UnsavedChangesDialog } from '../../lib/unsaved-changes-dialog';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { updateOrganizationSettings } from '../organization/settings.api';
import {
  checkSettingsDraft,
  type SettingsDraft,
  type SettingsErrors,
  type SettingsField,
  settingsPatch,
  toSettingsDraft,
} from '../organization/settings-draft';
import { ThresholdInput } from '../organization/threshold-input';
import { TimeZoneSelect } from '../organization/time-zone-select';
import { useApplySettingsChange } from '../organization/use-apply-settings-change';

const fields: SettingsField[] = ['name', 'timeZone', 'inactivityDays', 'underuseDays'];

/** A problem's messages for the fields of this form; anything else is left to the banner. */
function serverFieldErrors(error: unknown): SettingsErrors {
  if (isApiError(error, 400, 'invalid-time-zone')) return { timeZone: problemMessage(error) };
  const byField = problemFieldErrors(error);
  return Object.fromEntries(fields.filter((field) => byField[field]).map((field) => [field, byField[field]]));
}

function savedMessage(patch: PatchOrganizationBody, settings: OrganizationSettings): string {
  if (patch.timeZone) return `The reports now count days in ${settings.timeZone}.`;
  return 'The overview and the reports use them from now on.';
}

export function SettingsForm({ settings }: { settings: OrganizationSettings }) {
  const [draft, setDraft] = useState<SettingsDraft>(() => toSettingsDraft(settings));
  const [errors, setErrors] = useState<SettingsErrors>({});
  // Bumped when a save is refused, to move focus to the first field in error once it renders.
  const [refusals, setRefusals] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const applySettingsChange = useApplySettingsChange();
  const patch = settingsPatch(settings, draft);
  const changed = Object.keys(patch).length > 0;
  const unsaved = useUnsavedChanges(changed);

  const mutation = useMutation({
    mutationFn: updateOrganizationSettings,
    onSuccess: (updated, sent) => {
      applySettingsChange(updated);
      setDraft(toSettingsDraft(updated));
      notifications.show({ color: 'teal', title: 'Settings saved', message: savedMessage(sent, updated) });
    },
    onError: (error) => {
      setErrors(serverFieldErrors(error));
      setRefusals((count) => count + 1);
    },
  });

  useEffect(() => {
    if (refusals > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);

  const update = <K extends SettingsField>(field: K, value: SettingsDraft[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!changed || mutation.isPending) return;
    const problems = checkSettingsDraft(draft);
    setErrors(problems);
    if (Object.keys(problems).length > 0) setRefusals((count) => count + 1);
    else mutation.mutate(patch);
  };

  const discard = () => {
    setDraft(toSettingsDraft(settings));
    setErrors({});
    mutation.reset();
  };

  const fieldErrorShown = Object.values(errors).some(Boolean);
  const status = mutation.isPending
    ? mutation.variables?.timeZone
      ? `Saving. Recounting the reports’ days in ${mutation.variables.timeZone}; this may take a while.`
      : 'Saving…'
    : mutation.isSuccess && !changed
      ? 'Saved.'
      : '';

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Organization settings">
      <Stack gap="lg">
        {mutation.isError && !fieldErrorShown && <ProblemAlert error={mutation.error} />}
        <TextInput
          label="Organization name"
          description="Shown in the console’s header and on invitations."
          autoComplete="organization"
          value={draft.name}
          error={errors.name}
          onChange={(event) => update('name', event.currentTarget.value)}
        />
        <TimeZoneSelect value={draft.timeZone} onChange={(zone) => update('timeZone', zone)} error={errors.timeZone} />
        <Fieldset legend="Report thresholds" variant="unstyled">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            <ThresholdInput
              label="Inactive after"
              description="Days with neither a sign-in nor app use before someone counts as inactive (1 to 3650)."
              value={draft.inactivityDays}
              onChange={(value) => update('inactivityDays', value)}
              error={errors.inactivityDays}
            />
            <ThresholdInput
              label="Seat under-used after"
              description="Days without use of its app before a seat counts as under-used (1 to 3650)."
              value={draft.underuseDays}
              onChange={(value) => update('underuseDays', value)}
              error={errors.underuseDays}
            />
          </SimpleGrid>
        </Fieldset>
        <Group gap="sm">
          <Button type="submit" disabled={!changed} loading={mutation.isPending}>
            Save settings
          </Button>
          {changed && !mutation.isPending && (
            <Button variant="default" onClick={discard}>
              Discard changes
            </Button>
          )}
          <Text size="sm" c="dimmed" role="status">
            {status}
          </Text>
        </Group>
      </Stack>
      <UnsavedChangesDialog unsaved={unsaved} />
    </form>
  );
}
