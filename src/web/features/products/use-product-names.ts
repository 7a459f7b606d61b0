import { useMemo } from 'react';
import { useProducts } from './use-products';

/** key → name, to say "Studio" where the API only carries the key "studio". */
export function useProductNames(): Map<string, string> {
  const { products } = useProducts();
  return useMemo(() => new Map(products.map((product) => [product.key, product.name])), [products]);
}
