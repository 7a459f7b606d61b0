import { Button, Group, Select } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import type { ActivityOutcome, ActivityType, DeviceType } from '../../../contract/activity';
import { ProductSelect } from '../products/product-select';
import type { ActivityFilters } from './activity.types';
import { emptyActivityFilters } from './activity.types';
import { ActivityDateRange } from './activity-date-range';
import { hasActiveFilters } from './activity-query';
import { CountrySelect } from './country-select';
import { deviceTypeLabels } from './device-label';

const outcomeOptions: { value: ActivityOutcome; label: string }[] = [
  { value: 'success', label: 'Success' },
  { value: 'failure', label: 'Failed' },
];

const ALL_TYPES = 'all';

const typeOptions: { value: ActivityType | typeof ALL_TYPES; label: string }[] = [
  { value: ALL_TYPES, label: 'All' },
  { value: 'login', label: 'Sign-ins' },
  { value: 'app_session', label: 'App sessions' },
];

const deviceOptions = (Object.keys(deviceTypeLabels) as DeviceType[]).map((type) => ({
  value: type,
  label: deviceTypeLabels[type],
}));

interface ActivityFilterBarProps {
  value: ActivityFilters;
  onChange: (next: ActivityFilters) => void;
  seenCountries: Map<string, string>;
}

export function ActivityFilterBar({ value, onChange, seenCountries }: ActivityFilterBarProps) {
  return (
    <Group align="flex-end" gap="sm" role="search" aria-label="Filter activity">
      <ActivityDateRange value={value.range} onChange={(range) => onChange({ ...value, range })} />
      <Select
        label="Type"
        data={typeOptions}
        value={value.type ?? ALL_TYPES}
        onChange={(type) => onChange({ ...value, type: type === ALL_TYPES || !type ? null : (type as ActivityType) })}
        allowDeselect={false}
        w={130}
      />
      <Select<ActivityOutcome>
        label="Outcome"
        placeholder="Any outcome"
        data={outcomeOptions}
        value={value.outcome}
        onChange={(outcome) => onChange({ ...value, outcome })}
        clearable
        w={140}
      />
      <Select<DeviceType>
        label="Device type"
        placeholder="Any device"
        data={deviceOptions}
        value={value.deviceType}
        onChange={(deviceType) => onChange({ ...value, deviceType })}
        clearable
        w={150}
      />
      <CountrySelect
        value={value.country}
        onChange={(country) => onChange({ ...value, country })}
        seen={seenCountries}
      />
      <ProductSelect
        label="App"
        placeholder="Any app"
        value={value.app}
        onChange={(app) => onChange({ ...value, app })}
        w={160}
      />
      {hasActiveFilters(value) && (
        <Button
          variant="subtle"
          leftSection={<IconFilterOff size={16} aria-hidden />}
          onClick={() => onChange(emptyActivityFilters)}
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}
