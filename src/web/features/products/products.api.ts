import type { ProductPage } from '../../../contract/products';
import { api } from '../../lib/api';

export function listProducts(signal?: AbortSignal): Promise<ProductPage> {
  return api.get('/products', { signal });
}
