import { Alert, Code, Fieldset, Select, Stack, Switch } from '@mantine/core';
import { IconMailOff } from '@tabler/icons-react';
import { ALERT_SEVERITIES, type AlertSeverity } from '../../../contract/security';
import { SEVERITY_LABELS } from '../security/alert-labels';
import { RuleNumberInput } from './rule-number-input';
import type { DraftNumber, NumberField, SecurityDraft, SecurityErrors } from './security-draft';

interface NotificationsFieldsetProps {
  draft: SecurityDraft;
  errors: SecurityErrors;
  /** Whether the server can send mail (SMTP_URL); null while unknown. */
  emailConfigured: boolean | null;
  onNumber: (field: NumberField, value: DraftNumber) => void;
  onChange: (patch: Partial<Pick<SecurityDraft, 'emailOwners' | 'minimumSeverity' | 'askUsers'>>) => void;
}

const severityOptions = ALERT_SEVERITIES.map((severity) => ({
  value: severity,
  label: `${SEVERITY_LABELS[severity]} and above`,
}));

export function NotificationsFieldset({
  draft,
  errors,
  emailConfigured,
  onNumber,
  onChange,
}: NotificationsFieldsetProps) {
  return (
    <Fieldset legend="E-mail">
      <Stack gap="md">
        {emailConfigured === false && (
          <Alert color="yellow" icon={<IconMailOff aria-hidden />} title="This server sends no e-mail">
            No mail server is configured, so owners’ alert mails and “was this you?” mails are not sent. The operator
            sets <Code>SMTP_URL</Code> (e.g. <Code>smtps://user:password@mail.example.com</Code>) and restarts
            Seatkeeper. Webhooks still work.
          </Alert>
        )}
        <Switch
          label="E-mail the owners about new alerts"
          description="Collected into a digest, so a storm of attempts sends a few mails, not thousands."
          checked={draft.emailOwners}
          onChange={(event) => onChange({ emailOwners: event.currentTarget.checked })}
        />
        <Select
          label="Mail alerts of severity"
          description="Alerts below it stay in the inbox only."
          data={severityOptions}
          value={draft.minimumSeverity}
          onChange={(value) => value && onChange({ minimumSeverity: value as AlertSeverity })}
          allowDeselect={false}
          disabled={!draft.emailOwners}
        />
        <RuleNumberInput
          field="notifications.digestMinutes"
          label="At most one mail every (minutes)"
          description="Alerts in between wait for the next digest"
          value={draft.numbers['notifications.digestMinutes']}
          onChange={onNumber}
          error={errors['notifications.digestMinutes']}
        />
        <Switch
          label="Ask users “was this you?”"
          description="After a sign-in from a new country or a new device, the user gets a mail with a one-time “this wasn’t me” link that ends their sessions and raises a high alert."
          checked={draft.askUsers}
          onChange={(event) => onChange({ askUsers: event.currentTarget.checked })}
        />
      </Stack>
    </Fieldset>
  );
}
