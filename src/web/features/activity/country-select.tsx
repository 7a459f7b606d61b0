import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { countryFlag } from './country-flag';
import { listCountries } from './country-names';

interface CountrySelectProps {
  value: string | null;
  onChange: (code: string | null) => void;
  /** Countries already seen in this history (code → name), offered first. */
  seen: Map<string, string>;
  /** Where the countries were seen, for the group's heading ("Seen in this history"). */
  seenLabel?: string;
  w?: number | string;
}

export function CountrySelect({
  value,
  onChange,
  seen,
  seenLabel = 'Seen in this history',
  w = 200,
}: CountrySelectProps) {
  const data = useMemo(() => {
    const label = (code: string, name: string) => `${countryFlag(code)} ${name} (${code})`.trim();
    const seenItems = [...seen.entries()]
      .sort((a, b) => a[1].localeCompare(b[1]))
      .map(([code, name]) => ({ value: code, label: label(code, name) }));
    const others = listCountries()
      .filter(({ code }) => !seen.has(code))
      .map(({ code, name }) => ({ value: code, label: label(code, name) }));
    return [
      ...(seenItems.length ? [{ group: seenLabel, items: seenItems }] : []),
      { group: seenItems.length ? 'All countries' : 'Countries', items: others },
    ];
  }, [seen, seenLabel]);

  return (
    <Select
      label="Country"
      placeholder="Any country"
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      nothingFoundMessage="No such country"
      w={w}
      comboboxProps={{ width: 300, position: 'bottom-start' }}
    />
  );
}
