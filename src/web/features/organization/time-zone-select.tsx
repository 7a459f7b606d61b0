import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { timeZoneOptions } from '../organization/time-zones';

interface TimeZoneSelectProps {
  value: string;
  onChange: (zone: string) => void;
  error?: string;
}

/** The organization's zone, searched by name ("berlin", "new york"). */
export function TimeZoneSelect({ value, onChange, error }: TimeZoneSelectProps) {
  const data = useMemo(() => timeZoneOptions(value), [value]);
  return (
    <Select
      label="Time zone"
      description="Reports and the overview count calendar days in this zone. Changing it recounts every report’s days, which may take a while for a large organization."
      data={data}
      value={value}
      onChange={(zone) => zone && onChange(zone)}
      searchable
      allowDeselect={false}
      nothingFoundMessage="No such time zone"
      maxDropdownHeight={280}
      error={error}
    />
  );
}
