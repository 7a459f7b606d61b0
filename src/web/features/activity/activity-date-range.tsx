import { DatePickerInput, type DatePickerPreset } from '@mantine/dates';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';

type Range = [string | null, string | null];

function lastDays(count: number): Range {
  const today = dayjs();
  return [today.subtract(count - 1, 'day').format('YYYY-MM-DD'), today.format('YYYY-MM-DD')];
}

const presets: DatePickerPreset<'range'>[] = [
  { label: 'Today', value: lastDays(1) },
  { label: 'Last 7 days', value: lastDays(7) },
  { label: 'Last 30 days', value: lastDays(30) },
  { label: 'Last 90 days', value: lastDays(90) },
  { label: 'Last 12 months', value: [dayjs().subtract(1, 'year').add(1, 'day').format('YYYY-MM-DD'), lastDays(1)[1]] },
];

interface ActivityDateRangeProps {
  value: Range;
  onChange: (range: Range) => void;
  w?: number | string;
}

/** Local calendar days, inclusive. Reports a range only once it is complete (or cleared), so half a pick fetches nothing. */
export function ActivityDateRange({ value, onChange, w = 250 }: ActivityDateRangeProps) {
  const [draft, setDraft] = useState<Range>(value);
  useEffect(() => setDraft(value), [value]);

  return (
    <DatePickerInput
      type="range"
      label="Date range"
      placeholder="Any time"
      value={draft}
      onChange={(next) => {
        setDraft(next);
        const [first, last] = next;
        if ((first && last) || (!first && !last)) onChange(next);
      }}
      presets={presets}
      allowSingleDateInRange
      clearable
      maxDate={dayjs().format('YYYY-MM-DD')}
      valueFormat="MMM D, YYYY"
      w={w}
    />
  );
}
