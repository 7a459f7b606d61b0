import ipaddr from 'ipaddr.js';
import { type Kysely, sql } from 'kysely';
import { isSqlite } from './migration-helpers.ts';

/**
 * The organization-wide sign-in log (GET /sign-ins) filters by address or network and pages
 * newest first at any depth:
 *
 * - `ip_key`: the address as 32 lowercase hex digits of its 16 bytes (IPv4 as IPv4-mapped
 *   IPv6, ::ffff:a.b.c.d), so text order is address order and a CIDR network is one range
 *   `low <= ip_key <= high`. Null when the stored `ip` is not an address. On PostgreSQL the
 *   column collates "C" (byte order) whatever the database's locale.
 * - indexes (org_id, X, occurred_at, id) for the list and for each equality filter: the page is
 *   a range scan in the list's own order, however rare the value and however deep the page.
 *   For a network (a range of ip_key) the scan reads only that network's rows, then sorts them.
 *   (org_id, occurred_at, id) replaces (org_id, occurred_at): on PostgreSQL the id breaks ties
 *   in the index itself (SQLite's indexes end with the rowid anyway).
 *
 * Existing rows are filled here with a frozen copy of the encoding (activity/address-key.ts
 * fills new rows), one indexed update per distinct address, in batches.
 */
const BATCH = 500;

const FILTER_INDEXES: [name: string, column: string][] = [
  ['sign_in_attempts_org_address', 'ip_key'],
  ['sign_in_attempts_org_app', 'app_key'],
  ['sign_in_attempts_org_outcome', 'outcome'],
  ['sign_in_attempts_org_failure', 'failure_reason'],
  ['sign_in_attempts_org_country', 'country_code'],
  ['sign_in_attempts_org_device', 'device_type'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sign_in_attempts')
    .addColumn('ip_key', isSqlite(db) ? 'text' : sql`text collate "C"`)
    .execute();
  await fillAddressKeys(db);

  await db.schema.dropIndex('sign_in_attempts_org_time').execute();
  await db.schema
    .createIndex('sign_in_attempts_org_time_id')
    .on('sign_in_attempts')
    .columns(['org_id', 'occurred_at', 'id'])
    .execute();
  for (const [name, column] of FILTER_INDEXES) {
    await db.schema.createIndex(name).on('sign_in_attempts').columns(['org_id', column, 'occurred_at', 'id']).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of FILTER_INDEXES) await db.schema.dropIndex(name).execute();
  await db.schema.dropIndex('sign_in_attempts_org_time_id').execute();
  await db.schema
    .createIndex('sign_in_attempts_org_time')
    .on('sign_in_attempts')
    .columns(['org_id', 'occurred_at'])
    .execute();
  await db.schema.alterTable('sign_in_attempts').dropColumn('ip_key').execute();
}

/** Distinct addresses in `ip` order (the (ip, occurred_at) index), each batch in a transaction of its own on SQLite. */
async function fillAddressKeys(db: Kysely<unknown>): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const { rows }: { rows: { ip: string }[] } = await sql<{ ip: string }>`
      select distinct ip from sign_in_attempts
      where ${after === null ? sql`1 = 1` : sql`ip > ${after}`}
      order by ip limit ${BATCH}`.execute(db);
    if (rows.length === 0) return;
    const write = async (trx: Kysely<unknown>) => {
      for (const { ip } of rows) {
        const key = addressKeyAt0008(ip);
        if (key !== null) await sql`update sign_in_attempts set ip_key = ${key} where ip = ${ip}`.execute(trx);
      }
    };
    if (db.isTransaction) await write(db);
    else await db.transaction().execute(write);
    after = rows[rows.length - 1]?.ip ?? null;
  }
}

/** The encoding as of 0008: 16 bytes as hex, IPv4 as IPv4-mapped IPv6; null for anything not an address. */
function addressKeyAt0008(ip: string): string | null {
  const text = ip.trim();
  let address: ipaddr.IPv6;
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) address = ipaddr.IPv4.parse(text).toIPv4MappedAddress();
  else if (ipaddr.IPv6.isValid(text)) address = ipaddr.IPv6.parse(text);
  else return null;
  return Buffer.from(address.toByteArray()).toString('hex');
}
