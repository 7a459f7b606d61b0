import { NumberInput } from '@mantine/core';
import { boundsOf, type DraftNumber, type NumberField } from './security-draft';

interface RuleNumberInputProps {
  field: NumberField;
  /** The label with its unit, e.g. "Speed above (km/h)". */
  label: string;
  description: string;
  value: DraftNumber;
  onChange: (field: NumberField, value: DraftNumber) => void;
  error?: string;
}

/** A whole number within the contract's bounds; out of bounds is said on the field rather than clamped. */
export function RuleNumberInput({ field, label, description, value, onChange, error }: RuleNumberInputProps) {
  const { minimum, maximum } = boundsOf(field);
  return (
    <NumberInput
      label={label}
      description={`${description} (${minimum} to ${maximum})`}
      value={value}
      onChange={(next) => onChange(field, next)}
      min={minimum}
      max={maximum}
      clampBehavior="none"
      allowDecimal={false}
      allowNegative={false}
      error={error}
    />
  );
}
