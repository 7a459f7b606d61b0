import type { Db } from '../src/server/db/database.ts';
import type { NewSignInAttempt } from '../src/server/features/activity/activity.repository.ts';
import { insertSignInAttempts } from '../src/server/features/activity/activity.repository.ts';
import { addSignInAggregates } from '../src/server/features/report-aggregates/index.ts';
import { startProgress } from '../src/server/lib/progress.ts';

const BATCH = 1000;

/** `count` sign-in attempts for one user, one a minute back from `end`, inserted in batches. */
export async function generateHistory(db: Db, scope: { orgId: string; userId: string; email: string }, count: number) {
  const end = Date.now();
  const progress = startProgress('History', count, (line) => process.stdout.write(`${line}\n`));
  for (let start = 0; start < count; start += BATCH) {
    const rows: NewSignInAttempt[] = [];
    for (let index = start; index < Math.min(count, start + BATCH); index++)
      rows.push(attemptRow(scope, end - index * 60_000, index));
    await db.transaction().execute(async (trx) => {
      await insertSignInAttempts(trx, rows);
      await addSignInAggregates(trx, rows);
    });
    progress.increment(rows.length);
  }
  progress.stop();
}

export function attemptRow(
  scope: { orgId: string; userId: string; email: string },
  at: number,
  index: number,
): NewSignInAttempt {
  return {
    org_id: scope.orgId,
    user_id: scope.userId,
    email: scope.email,
    occurred_at: at,
    outcome: index % 10 === 0 ? 'failure' : 'success',
    failure_reason: index % 10 === 0 ? 'invalid_password' : null,
    client: 'console',
    app_key: null,
    app_version: null,
    ip: `81.2.69.${index % 250}`,
    country_code: 'GB',
    country: 'United Kingdom',
    region: 'England',
    city: 'London',
    latitude: 51.5142,
    longitude: -0.0931,
    asn: null,
    as_organization: null,
    device_type: index % 3 === 0 ? 'mobile' : 'desktop',
    os: 'Windows',
    os_version: '10',
    browser: 'Chrome',
    browser_version: '130.0',
    device_id: null,
    device_name: null,
    user_agent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
    risk: '[]',
  };
}
