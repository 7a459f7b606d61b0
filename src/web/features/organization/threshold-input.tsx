import { NumberInput } from '@mantine/core';
import { MAX_THRESHOLD_DAYS, MIN_THRESHOLD_DAYS } from '../organization/settings-draft';

interface ThresholdInputProps {
  label: string;
  description: string;
  value: number | string;
  onChange: (value: number | string) => void;
  error?: string;
}

/** A number of days from 1 to 3650; out of bounds is said on the field rather than silently clamped on blur. */
export function ThresholdInput({ label, description, value, onChange, error }: ThresholdInputProps) {
  return (
    <NumberInput
      label={label}
      description={description}
      value={value}
      onChange={onChange}
      min={MIN_THRESHOLD_DAYS}
      max={MAX_THRESHOLD_DAYS}
      clampBehavior="none"
      allowDecimal={false}
      allowNegative={false}
      suffix=" days"
      error={error}
    />
  );
}
