import type { DeactivationsMonth } from '../../../contract/reports';
import type { DeactivationReason } from '../../../contract/users';
import { deactivationReasons } from '../users/deactivation-reasons';

export type DeactivationsByMonth = { month: string } & Partial<Record<DeactivationReason, number>>;

/** Every month (YYYY-MM) from the month of `from` to the month of `to` (days YYYY-MM-DD), in order. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    if (current > last) return months;
    months.push(current);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

/**
 * One entry per month of the range (months without deactivations too) with a count per reason, for stacked bars;
 * and the reasons that occur, in the order the deactivation form lists them.
 */
export function pivotDeactivations(
  series: DeactivationsMonth[],
  from: string,
  to: string,
): { months: DeactivationsByMonth[]; reasons: DeactivationReason[] } {
  const byMonth = new Map<string, DeactivationsByMonth>(monthsBetween(from, to).map((month) => [month, { month }]));
  const seen = new Set<DeactivationReason>();
  for (const item of series) {
    // The contract types a reason as any string; the server sends the form's reasons, and one it does not list
    // (a newer server) still gets its own bar, after the known ones.
    const reason = item.reason as DeactivationReason;
    const entry = byMonth.get(item.month) ?? { month: item.month };
    entry[reason] = (entry[reason] ?? 0) + item.count;
    byMonth.set(item.month, entry);
    seen.add(reason);
  }
  const known = deactivationReasons.map((reason) => reason.value);
  const reasons = [...known.filter((reason) => seen.has(reason)), ...[...seen].filter((r) => !known.includes(r))];
  const months = [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month));
  return { months, reasons };
}
