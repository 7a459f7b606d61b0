import { api } from '../../lib/api';
import type { Overview } from './overview.types';

export function fetchOverview(signal?: AbortSignal): Promise<Overview> {
  return api.get('/overview', { signal });
}
