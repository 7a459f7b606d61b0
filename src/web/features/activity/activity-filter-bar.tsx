import { Button, Group, Select } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import type { ActivityFilters, DeviceType, Outcome } from './activity.types';
import { emptyActivityFilters } from './activity.types';
import { ActivityDateRange } from './activity-date-range';
import { hasActiveFilters } from './activity-query';
import { CountrySelect } from './country-select';
import { deviceTypeLabels } from './device-label';

const outcomeOptions: { value: Outcome; label: string }[] = [
  { value: 'success', label: 'Success' },
  { value: 'failure', label: 'Failed' },
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
    <Group align="flex-end" gap="sm" role="search" aria-label="Filter sign-in activity">
      <ActivityDateRange value={value.range} onChange={(range) => onChange({ ...value, range })} />
      <Select<Outcome>
        label="Outcome"
        placeholder="Any outcome"
        data={outcomeOptions}
        value={value.outcome}
        onChange={(outcome) => onChange({ ...value, outcome })}
        clearable
        w={150}
      />
      <Select<DeviceType>
        label="Device type"
        placeholder="Any device"
        data={deviceOptions}
        value={value.deviceType}
        onChange={(deviceType) => onChange({ ...value, deviceType })}
        clearable
        w={160}
      />
      <CountrySelect
        value={value.country}
        onChange={(country) => onChange({ ...value, country })}
        seen={seenCountries}
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
