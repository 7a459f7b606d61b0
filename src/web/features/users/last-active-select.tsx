import { Group, Select } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import dayjs from 'dayjs';
import { LAST_ACTIVE_PRESETS } from './last-active';
import type { LastActiveFilter } from './users.types';

const DATE_CHOICE = 'date';
const options = [
  ...LAST_ACTIVE_PRESETS.map((days) => ({ value: `${days}d`, label: `Not in ${days} days` })),
  { value: DATE_CHOICE, label: 'Not since a date…' },
];

interface LastActiveSelectProps {
  value: LastActiveFilter | null;
  onChange: (value: LastActiveFilter | null) => void;
}

/**
 * "Last active": users with no sign-in and no app use since a number of days or a day (never active counts
 * as inactive). A preset reads from the list; a day from a calendar next to it.
 */
export function LastActiveSelect({ value, onChange }: LastActiveSelectProps) {
  const isDate = value !== null && !value.endsWith('d');
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label="Last active"
        placeholder="Any time"
        data={options}
        value={isDate ? DATE_CHOICE : value}
        onChange={(choice) => {
          if (choice === DATE_CHOICE) onChange(dayjs().subtract(30, 'day').format('YYYY-MM-DD') as LastActiveFilter);
          else onChange(choice as LastActiveFilter | null);
        }}
        clearable
        clearButtonProps={{ 'aria-label': 'Any time' }}
        w={{ base: '100%', xs: 190 }}
      />
      {isDate && (
        <DatePickerInput
          label="Not active since"
          value={value}
          onChange={(day) => day && onChange(day as LastActiveFilter)}
          maxDate={dayjs().format('YYYY-MM-DD')}
          valueFormat="MMM D, YYYY"
          w={{ base: '100%', xs: 170 }}
        />
      )}
    </Group>
  );
}
