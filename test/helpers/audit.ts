import { expect } from 'vitest';
import type { AuditAction } from '../../src/contract/audit-log.ts';
import type { TestContext } from './test-app.ts';

/** The audit rows of an organization newer than `afterId`, oldest first, straight from the table. */
export async function auditRowsSince(ctx: TestContext, orgId: string, afterId: number) {
  return ctx.deps.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '>', afterId)
    .orderBy('id')
    .execute();
}

export async function lastAuditId(ctx: TestContext): Promise<number> {
  const row = await ctx.deps.database.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/**
 * Runs `act` and expects it to have left exactly one audit row, with `action`; answers that row
 * (and what `act` answered) so the test can check its actor, target and before/after.
 */
export async function expectOneAuditRow<T>(
  ctx: TestContext,
  orgId: string,
  action: AuditAction,
  act: () => Promise<T>,
) {
  const before = await lastAuditId(ctx);
  const result = await act();
  const rows = await auditRowsSince(ctx, orgId, before);
  expect(rows.map((row) => row.action)).toEqual([action]);
  const row = rows[0];
  if (!row) throw new Error('no audit row');
  return { row, result };
}

/** Runs `act` (a change that must fail) and expects no audit row from it. */
export async function expectNoAuditRow<T>(ctx: TestContext, orgId: string, act: () => Promise<T>): Promise<T> {
  const before = await lastAuditId(ctx);
  const result = await act();
  expect(await auditRowsSince(ctx, orgId, before)).toEqual([]);
  return result;
}
