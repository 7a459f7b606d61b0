import type { Alert, AlertStatus } from '../../../contract/security.ts';
import type { Db } from '../../db/database.ts';
import { loadPeople, peopleOf, toAlert } from './alert-view.ts';
import { type AlertFilters, type AlertPosition, countAlertsByStatus, findAlerts } from './alerts.repository.ts';

/**
 * One page of the organization's alerts, newest first, and the counts by status under the other
 * filters (the inbox's tabs). One row more than the page is read to know whether another follows.
 */
export async function listAlerts(
  db: Db,
  orgId: string,
  filters: AlertFilters,
  page: { after?: AlertPosition | undefined; limit: number },
): Promise<{ items: Alert[]; next: AlertPosition | null; counts: Record<AlertStatus, number> }> {
  const [rows, counts] = await Promise.all([
    findAlerts(db, orgId, filters, page.after, page.limit + 1),
    countAlertsByStatus(db, orgId, filters),
  ]);
  const shown = rows.slice(0, page.limit);
  const people = await loadPeople(db, orgId, shown.flatMap(peopleOf));
  const last = shown.at(-1);
  return {
    items: shown.map((row) => toAlert(row, people)),
    next: rows.length > page.limit && last ? { at: last.created_at, id: last.id } : null,
    counts,
  };
}
