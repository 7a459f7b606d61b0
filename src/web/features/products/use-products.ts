import { useQuery } from '@tanstack/react-query';
import type { Product } from '../../../contract/products';
import { listProducts } from './products.api';

export const productsQueryKey = ['products'] as const;

const noProducts: Product[] = [];

/** The catalogue changes only when the operator adds a product: fetched once per visit, shared by every filter. */
export function useProducts() {
  const query = useQuery({
    queryKey: productsQueryKey,
    queryFn: ({ signal }) => listProducts(signal),
    staleTime: 10 * 60_000,
    select: (page) => page.items,
  });
  return { ...query, products: query.data ?? noProducts };
}
