import { api, type Page } from '../../lib/api';
import type { Product } from './products.types';

export function listProducts(signal?: AbortSignal): Promise<Page<Product>> {
  return api.get('/products', { signal });
}
