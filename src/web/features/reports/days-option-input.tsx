import { NumberInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { MAX_DAYS } from './report-params';

const TYPING_DEBOUNCE_MS = 500;

function isDays(value: number | string): boolean {
  const days = Number(value);
  return value !== '' && Number.isInteger(days) && days >= 1 && days <= MAX_DAYS;
}

interface DaysOptionInputProps {
  label: string;
  description: string;
  /** The days in force: the URL's, or the organization's setting once the report's answer says it. */
  value: number | undefined;
  onChange: (days: number) => void;
}

/**
 * A number of days (1 to 3650); applied once typing pauses, so each keystroke does not fetch the report. Empty until
 * the days in force are known.
 */
export function DaysOptionInput({ label, description, value, onChange }: DaysOptionInputProps) {
  const [draft, setDraft] = useState<number | string>(value ?? '');
  const [debounced] = useDebouncedValue(draft, TYPING_DEBOUNCE_MS);
  // The typed value last acted on: a value that changed elsewhere (back button) is not written back.
  const handled = useRef(debounced);
  useEffect(() => setDraft(value ?? ''), [value]);

  useEffect(() => {
    if (debounced === handled.current) return;
    handled.current = debounced;
    if (isDays(debounced) && Number(debounced) !== value) onChange(Number(debounced));
  }, [debounced, value, onChange]);

  const invalid = draft !== '' && !isDays(draft);
  return (
    <NumberInput
      label={label}
      description={description}
      value={draft}
      onChange={setDraft}
      placeholder={value === undefined ? 'Loading…' : undefined}
      min={1}
      max={MAX_DAYS}
      allowDecimal={false}
      allowNegative={false}
      suffix=" days"
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      error={invalid ? `Enter 1 to ${MAX_DAYS} days` : undefined}
      w={200}
    />
  );
}
