import { Button, Group, NumberInput, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { type PrivacySettings, RETENTION_BOUNDS } from '../../../contract/privacy-settings';
import { ProblemAlert } from '../../lib/problem-alert';
import { problemFieldErrors } from '../../lib/problem-message';
import { UnsavedChangesDialog } from '../../lib/unsaved-changes-dialog';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { retentionKeys, updatePrivacySettings } from './retention.api';
import {
  checkRetentionDraft,
  type RetentionDraft,
  type RetentionErrors,
  retentionPatch,
  toRetentionDraft,
} from './retention-draft';

interface DaysInputProps {
  label: string;
  description: string;
  bounds: { minimum: number; maximum: number };
  value: number | string;
  onChange: (value: number | string) => void;
  error?: string | undefined;
  disabled?: boolean;
}

function DaysInput({ label, description, bounds, value, onChange, error, disabled }: DaysInputProps) {
  return (
    <NumberInput
      label={label}
      description={`${description} (${bounds.minimum} to ${bounds.maximum} days)`}
      value={value}
      onChange={onChange}
      min={bounds.minimum}
      max={bounds.maximum}
      clampBehavior="none"
      allowDecimal={false}
      allowNegative={false}
      suffix=" days"
      error={error}
      disabled={disabled}
    />
  );
}

/** A problem's messages for this form's fields (by the last segment of their path, e.g. body/ipAnonymisation/afterDays). */
function serverFieldErrors(error: unknown): RetentionErrors {
  const byField = problemFieldErrors(error);
  return {
    rawEventsDays: byField.rawEventsDays,
    auditLogDays: byField.auditLogDays,
    afterDays: byField.afterDays,
  };
}

export function RetentionSettingsForm({ settings }: { settings: PrivacySettings }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<RetentionDraft>(() => toRetentionDraft(settings));
  const [errors, setErrors] = useState<RetentionErrors>({});
  const [refusals, setRefusals] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const patch = retentionPatch(settings, draft);
  const changed = Object.keys(patch).length > 0;
  const unsaved = useUnsavedChanges(changed);

  const mutation = useMutation({
    mutationFn: updatePrivacySettings,
    onSuccess: (updated) => {
      queryClient.setQueryData(retentionKeys.settings, updated);
      setDraft(toRetentionDraft(updated));
      notifications.show({
        color: 'teal',
        title: 'Retention and privacy saved',
        message: 'The next purge applies them.',
      });
    },
    onError: (error) => {
      setErrors(serverFieldErrors(error));
      setRefusals((count) => count + 1);
    },
  });

  useEffect(() => {
    if (refusals > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);

  const update = <K extends keyof RetentionDraft>(field: K, value: RetentionDraft[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!changed || mutation.isPending) return;
    const problems = checkRetentionDraft(draft);
    setErrors(problems);
    if (Object.keys(problems).length > 0) setRefusals((count) => count + 1);
    else mutation.mutate(patch);
  };

  const discard = () => {
    setDraft(toRetentionDraft(settings));
    setErrors({});
    mutation.reset();
  };

  const fieldErrorShown = Object.values(errors).some(Boolean);
  const status = mutation.isPending ? 'Saving…' : mutation.isSuccess && !changed ? 'Saved.' : '';

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Retention and privacy settings">
      <Stack gap="lg">
        {mutation.isError && !fieldErrorShown && <ProblemAlert error={mutation.error} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <DaysInput
            label="Keep raw events for"
            description="Sign-in attempts and ended app sessions older than this are deleted. Reports keep their totals, so reports over older periods still answer"
            bounds={RETENTION_BOUNDS.rawEventsDays}
            value={draft.rawEventsDays}
            onChange={(value) => update('rawEventsDays', value)}
            error={errors.rawEventsDays}
          />
          <DaysInput
            label="Keep the audit log for"
            description="Audit-log entries older than this are deleted"
            bounds={RETENTION_BOUNDS.auditLogDays}
            value={draft.auditLogDays}
            onChange={(value) => update('auditLogDays', value)}
            error={errors.auditLogDays}
          />
        </SimpleGrid>
        <Radio.Group
          label="IP anonymisation"
          description="Anonymised addresses keep only their network: the first three numbers of an IPv4 address (203.0.113.0), the first 48 bits of an IPv6 one. Sign-in logs, app sessions, audit entries and alerts then show the network."
          value={draft.mode}
          onChange={(value) => update('mode', value === 'always' ? 'always' : value === 'after' ? 'after' : 'never')}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="never" label="Never: keep whole addresses as long as the events" />
            <Radio
              value="after"
              label="After some days: whole addresses for recent events (to investigate), anonymised after"
            />
            <Radio
              value="always"
              label="Always: store anonymised addresses from the start (risk checks still see the whole address)"
            />
          </Stack>
        </Radio.Group>
        {draft.mode === 'after' && (
          <DaysInput
            label="Anonymise addresses after"
            description="Addresses of events older than this are anonymised"
            bounds={RETENTION_BOUNDS.afterDays}
            value={draft.afterDays}
            onChange={(value) => update('afterDays', value)}
            error={errors.afterDays}
          />
        )}
        <Group gap="sm">
          <Button type="submit" disabled={!changed} loading={mutation.isPending}>
            Save retention and privacy
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
