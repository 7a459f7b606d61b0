import type { ApiToken } from '../../../contract/api-tokens.ts';
import type { Db } from '../../db/database.ts';
import { toApiToken } from './api-token-views.ts';
import { findApiTokenPage } from './api-tokens.repository.ts';

/** One page of the organization's tokens, newest first; `next` is the last row's key when more may follow. */
export async function listApiTokens(
  db: Db,
  orgId: string,
  page: { after?: { at: number; id: string } | undefined; limit: number; now: number },
): Promise<{ items: ApiToken[]; next: { at: number; id: string } | null }> {
  const rows = await findApiTokenPage(db, orgId, { after: page.after, limit: page.limit + 1 });
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => toApiToken(row, page.now)),
    next: rows.length > page.limit && last ? { at: last.created_at, id: last.id } : null,
  };
}
