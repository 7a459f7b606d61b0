import { Group, SegmentedControl, Stack, Text, useMatches } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useEffect, useState } from 'react';
import { type DayRange, RANGE_PRESETS, type RangePreset, type ReportRange, rangeProblem } from './report-range';

type Picked = [string | null, string | null];

const CUSTOM = 'custom';
const presetOptions = [
  ...RANGE_PRESETS.map((days) => ({ value: String(days), label: `${days} days` })),
  { value: CUSTOM, label: 'Custom' },
];

interface ReportDateRangeProps {
  range: ReportRange;
  /** Today in the organization's zone: the last day that can be picked. */
  today: string;
  timeZone: string;
  onChange: (range: RangePreset | DayRange) => void;
}

/**
 * The last 7 / 30 / 90 / 365 days, or fixed days picked in a calendar. Days are the organization's calendar days,
 * which the hint says; a half-picked range changes nothing until its second day is picked.
 */
export function ReportDateRange({ range, today, timeZone, onChange }: ReportDateRangeProps) {
  const [draft, setDraft] = useState<Picked>([range.from, range.to]);
  const [problem, setProblem] = useState<string | null>(null);
  // Five choices fit a phone's width only in the small size.
  const size = useMatches({ base: 'xs', sm: 'sm' });
  useEffect(() => setDraft([range.from, range.to]), [range.from, range.to]);

  const pick = (next: Picked) => {
    setDraft(next);
    const [from, to] = next;
    if (!from || !to) return;
    const refused = rangeProblem({ from, to });
    setProblem(refused);
    if (!refused) onChange({ from, to });
  };

  return (
    <Group align="flex-start" gap="sm" wrap="wrap">
      <Stack gap={4}>
        <Text size="sm" fw={500} id="report-period-label">
          Period
        </Text>
        <SegmentedControl
          aria-labelledby="report-period-label"
          size={size}
          data={presetOptions}
          value={range.preset ? String(range.preset) : CUSTOM}
          onChange={(value) =>
            onChange(value === CUSTOM ? { from: range.from, to: range.to } : (Number(value) as RangePreset))
          }
        />
      </Stack>
      <DatePickerInput
        type="range"
        label="Days"
        description={`Calendar days in ${timeZone}, the organization’s time zone; both ends included.`}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        value={draft}
        onChange={pick}
        onDropdownClose={() => {
          // Closed after one day: show the range in force again.
          if (!draft[0] || !draft[1]) setDraft([range.from, range.to]);
        }}
        allowSingleDateInRange
        maxDate={today}
        valueFormat="MMM D, YYYY"
        error={problem}
        w={{ base: '100%', xs: 280 }}
      />
    </Group>
  );
}
