import { Button, Group, Select, Stack } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { ALERT_SEVERITIES, ALERT_TYPES, type AlertSeverity, type AlertType } from '../../../contract/security';
import { PhoneFilters } from '../../lib/phone-filters';
import { UserFilterSelect } from '../sign-ins/user-filter-select';
import { type AlertFilters, countAlertFilters } from './alert-filters';
import { ALERT_TYPE_LABELS, SEVERITY_LABELS } from './alert-labels';

const typeOptions = ALERT_TYPES.map((type) => ({ value: type, label: ALERT_TYPE_LABELS[type] }));
const severityOptions = ALERT_SEVERITIES.map((severity) => ({ value: severity, label: SEVERITY_LABELS[severity] }));

interface AlertsFilterBarProps {
  value: AlertFilters;
  onChange: (patch: Partial<AlertFilters>) => void;
  compact: boolean;
}

/** Kind, severity and user; on phones they fold behind a "Filters" button and stack full width. */
export function AlertsFilterBar({ value, onChange, compact }: AlertsFilterBarProps) {
  const width = compact ? '100%' : 220;
  const fields = (
    <>
      <Select
        label="Kind"
        placeholder="Any kind"
        data={typeOptions}
        value={value.type}
        onChange={(type) => onChange({ type: type as AlertType | null })}
        clearable
        w={width}
      />
      <Select
        label="Severity"
        placeholder="Any severity"
        data={severityOptions}
        value={value.severity}
        onChange={(severity) => onChange({ severity: severity as AlertSeverity | null })}
        clearable
        w={compact ? '100%' : 160}
      />
      <UserFilterSelect value={value.user} onChange={(user) => onChange({ user })} w={width} />
      {countAlertFilters(value) > 0 && (
        <Button
          variant="subtle"
          leftSection={<IconFilterOff size={16} aria-hidden />}
          onClick={() => onChange({ type: null, severity: null, user: null })}
          style={{ alignSelf: compact ? 'flex-start' : 'flex-end' }}
        >
          Clear filters
        </Button>
      )}
    </>
  );
  return (
    <PhoneFilters>
      {compact ? (
        <Stack gap="sm" role="search" aria-label="Filter alerts">
          {fields}
        </Stack>
      ) : (
        <Group align="flex-end" gap="sm" role="search" aria-label="Filter alerts">
          {fields}
        </Group>
      )}
    </PhoneFilters>
  );
}
