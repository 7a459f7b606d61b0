import type { Db } from '../../db/database.ts';
import { findSignIns } from './sign-ins.repository.ts';
import type { SignInFilters, SignInItem, SignInPosition } from './sign-ins.types.ts';

/** Rows a CSV export reads at a time: memory stays flat however many years it covers. */
const EXPORT_BATCH = 1000;

/**
 * One page of the organization's sign-in log, newest first. One row more than the page is read
 * to know whether another page follows; `next` is the position of the page's last row.
 */
export async function listSignIns(
  db: Db,
  orgId: string,
  filters: SignInFilters,
  page: { after?: SignInPosition | undefined; limit: number },
): Promise<{ items: SignInItem[]; next: SignInPosition | null }> {
  const records = await findSignIns(db, orgId, filters, page.after, page.limit + 1);
  const shown = records.slice(0, page.limit);
  const last = shown.at(-1);
  return {
    items: shown.map((record) => record.item),
    next: records.length > page.limit && last ? last.position : null,
  };
}

/** Every matching row, newest first, batch by batch along the same keyset as the pages. */
export async function* iterateSignIns(db: Db, orgId: string, filters: SignInFilters): AsyncGenerator<SignInItem> {
  let after: SignInPosition | undefined;
  do {
    const page = await listSignIns(db, orgId, filters, { after, limit: EXPORT_BATCH });
    yield* page.items;
    after = page.next ?? undefined;
  } while (after);
}
