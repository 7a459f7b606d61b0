import { Fieldset, Select, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import type { SecuritySettings } from '../../../contract/security';
import { formatDateTime } from '../../lib/format-date';
import { RuleNumberInput } from './rule-number-input';
import type { DraftNumber, NumberField, SecurityDraft, SecurityErrors } from './security-draft';

type Policy = SecurityDraft['signIn'];

interface SignInPolicyFieldsetProps {
  draft: SecurityDraft;
  errors: SecurityErrors;
  onNumber: (field: NumberField, value: DraftNumber) => void;
  onChange: (patch: Partial<Policy>) => void;
}

const requireOptions: { value: SecuritySettings['signIn']['requireSecondFactor']; label: string }[] = [
  { value: 'nobody', label: 'Nobody (each user’s choice)' },
  { value: 'owners', label: 'Owners' },
  { value: 'everyone', label: 'Everyone' },
];

const riskOptions: { value: SecuritySettings['signIn']['onRisk']; label: string }[] = [
  { value: 'step_up', label: 'Ask for the second step' },
  { value: 'block', label: 'Block the sign-in' },
  { value: 'allow', label: 'Let it through (flag and alert only)' },
];

/** Who must use two-step verification, what a risky sign-in leads to, and whether apps may send passwords. */
export function SignInPolicyFieldset({ draft, errors, onNumber, onChange }: SignInPolicyFieldsetProps) {
  const policy = draft.signIn;
  return (
    <Fieldset legend="Sign-in">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <Select
            label="Require two-step verification of"
            description="An authenticator app or a passkey, on top of the password."
            data={requireOptions}
            value={policy.requireSecondFactor}
            allowDeselect={false}
            onChange={(value) => value && onChange({ requireSecondFactor: value as Policy['requireSecondFactor'] })}
          />
          <RuleNumberInput
            field="signIn.graceDays"
            label="Grace period (days)"
            description="Then users without a second factor can only set one up"
            value={draft.numbers['signIn.graceDays']}
            onChange={onNumber}
            error={errors['signIn.graceDays']}
          />
        </SimpleGrid>
        {policy.requireSecondFactor !== 'nobody' && policy.requiredSince && (
          <Text size="sm" c="dimmed">
            Required since {formatDateTime(policy.requiredSince)}; the grace counts from then (or from a user’s arrival,
            if later).
          </Text>
        )}
        <Select
          label="A risky sign-in"
          description="A right password from a new country, after impossible travel, or right after a burst of failures. Users without a second factor cannot be asked: they pass unless you block."
          data={riskOptions}
          value={policy.onRisk}
          allowDeselect={false}
          onChange={(value) => value && onChange({ onRisk: value as Policy['onRisk'] })}
        />
        <Switch
          label="Apps may sign in with a password"
          description="Off: apps sign in through the browser only, where every factor, risk step and single sign-on applies. Users with a second factor always use the browser."
          checked={policy.appPasswordSignIn}
          onChange={(event) => onChange({ appPasswordSignIn: event.currentTarget.checked })}
        />
      </Stack>
    </Fieldset>
  );
}
