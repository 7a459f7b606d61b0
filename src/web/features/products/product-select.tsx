import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { useProducts } from './use-products';

interface ProductSelectProps {
  label: string;
  placeholder: string;
  /** A product key, or null for any. */
  value: string | null;
  onChange: (key: string | null) => void;
  w?: number;
}

/** A filter by product; a key in the URL that the catalogue does not know (yet) is kept and shown as it is. */
export function ProductSelect({ label, placeholder, value, onChange, w = 190 }: ProductSelectProps) {
  const { products, isError, isPending } = useProducts();
  const data = useMemo(() => {
    const options = products.map((product) => ({ value: product.key, label: product.name }));
    if (value && !products.some((product) => product.key === value)) options.push({ value, label: value });
    return options;
  }, [products, value]);

  return (
    <Select
      label={label}
      placeholder={isPending ? 'Loading…' : placeholder}
      data={data}
      value={value}
      onChange={onChange}
      clearable
      searchable={data.length > 8}
      nothingFoundMessage="No such product"
      error={isError ? 'Could not load products' : undefined}
      disabled={isError && !value}
      w={w}
    />
  );
}
