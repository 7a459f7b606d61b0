import type { OverviewResponse } from '../../../contract/reports';
import { api } from '../../lib/api';

export function fetchOverview(signal?: AbortSignal): Promise<OverviewResponse> {
  return api.get('/overview', { signal });
}
