import { Select } from '@mantine/core';
import type { ActivityOutcome } from '../../../contract/activity';

const outcomeOptions: { value: ActivityOutcome; label: string }[] = [
  { value: 'success', label: 'Success' },
  { value: 'failure', label: 'Failed' },
];

interface OutcomeSelectProps {
  value: ActivityOutcome | null;
  onChange: (outcome: ActivityOutcome | null) => void;
  w: number | string;
}

/** The filter on a sign-in's outcome; cleared, it means any. */
export function OutcomeSelect({ value, onChange, w }: OutcomeSelectProps) {
  return (
    <Select<ActivityOutcome>
      label="Outcome"
      placeholder="Any outcome"
      data={outcomeOptions}
      value={value}
      onChange={onChange}
      clearable
      w={w}
    />
  );
}
