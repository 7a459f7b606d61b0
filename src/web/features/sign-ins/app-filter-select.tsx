import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { useProducts } from '../products/use-products';

/** The key the API uses for sign-ins to this console rather than to an app. */
export const CONSOLE_APP = 'console';

interface AppFilterSelectProps {
  value: string | null;
  onChange: (key: string | null) => void;
  w?: number | string;
}

/** The console or one of the catalogue's apps; a key in the URL the catalogue does not know is kept as it is. */
export function AppFilterSelect({ value, onChange, w }: AppFilterSelectProps) {
  const { products, isPending, isError } = useProducts();
  const data = useMemo(() => {
    const options = [
      { value: CONSOLE_APP, label: 'Console (web)' },
      ...products.map((product) => ({ value: product.key, label: product.name })),
    ];
    if (value && !options.some((option) => option.value === value)) options.push({ value, label: value });
    return options;
  }, [products, value]);

  return (
    <Select
      label="App"
      placeholder={isPending ? 'Loading…' : 'Any app'}
      data={data}
      value={value}
      onChange={onChange}
      clearable
      searchable={data.length > 8}
      nothingFoundMessage="No such app"
      error={isError ? 'Could not load apps' : undefined}
      w={w}
    />
  );
}
