import type { ApiToken, ApiTokenScope, CreatedApiToken } from '../../../contract/api-tokens';
import { api, toQueryString } from '../../lib/api';

export interface ApiTokenPage {
  items: ApiToken[];
  nextCursor: string | null;
}

export const apiTokenKeys = { all: ['api-tokens'] as const };

/** Tokens per page of the list. */
export const API_TOKENS_PAGE_SIZE = 50;

export function fetchApiTokens(cursor: string | null, signal?: AbortSignal): Promise<ApiTokenPage> {
  return api.get(`/api-tokens${toQueryString({ cursor, limit: API_TOKENS_PAGE_SIZE })}`, { signal });
}

export function createApiToken(body: {
  name: string;
  scope: ApiTokenScope;
  expiresAt?: string;
}): Promise<CreatedApiToken> {
  return api.post('/api-tokens', body);
}

export function revokeApiToken(id: string): Promise<void> {
  return api.delete(`/api-tokens/${encodeURIComponent(id)}`);
}
