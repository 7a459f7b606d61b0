import { CloseButton, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';

interface IpFilterInputProps {
  value: string | null;
  onChange: (value: string | null) => void;
  /** Why the server refused the value (from its problem document). */
  error?: string;
  w?: number | string;
}

/**
 * An address or a network (CIDR), applied on Enter or when the field is left — not at every keystroke, where
 * "81.2." would be a refused address on its way to "81.2.69.0/24". The server judges it and says what is wrong.
 */
export function IpFilterInput({ value, onChange, error, w }: IpFilterInputProps) {
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);

  const apply = () => {
    const next = draft.trim() || null;
    if (next !== value) onChange(next);
  };

  return (
    <TextInput
      label="Address or network"
      placeholder="203.0.113.7 or 203.0.113.0/24"
      value={draft}
      onChange={(event) => setDraft(event.currentTarget.value)}
      onBlur={apply}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          apply();
        }
      }}
      error={error}
      maxLength={64}
      spellCheck={false}
      autoCapitalize="off"
      autoCorrect="off"
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      w={w}
      rightSection={
        draft ? (
          <CloseButton
            size="sm"
            aria-label="Clear address filter"
            onClick={() => {
              setDraft('');
              onChange(null);
            }}
          />
        ) : null
      }
    />
  );
}
