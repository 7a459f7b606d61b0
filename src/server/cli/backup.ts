import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../config.ts';

/** Kysely's table of applied migrations: its presence tells a Seatkeeper database from any SQLite file. */
const MIGRATION_TABLE = 'kysely_migration';
/**
 * Pages copied per step of SQLite's online backup after the first 100. A write by the server between
 * two steps restarts the copy, so under steady writes a stepwise copy might never finish: the rest
 * goes in one step, one read transaction, which in WAL mode does not hold up the server's writes.
 */
const PAGES_PER_STEP = 0x7fffffff;

function parse(args: string[], command: string) {
  const { values, positionals } = parseArgs({
    args,
    options: { force: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new Error(`usage: npx seatkeeper ${command} FILE [--force]`);
  return { file: path.resolve(file), force: values.force };
}

/**
 * `npx seatkeeper backup FILE [--force]`. SQLite: SQLite's online backup of the live database (the
 * server may keep running; its writes during the copy are either in it or not, never half), then
 * an integrity check of the copy. PostgreSQL: `pg_dump -Fc` when it is on PATH, else the procedure.
 */
export async function runBackup(args: string[]): Promise<void> {
  const { file, force } = parse(args, 'backup');
  const database = loadConfig().database;
  if (fs.existsSync(file) && !force) throw new Error(`${file} exists; pass --force to overwrite it`);
  if (database.kind === 'postgres') {
    runPgTool('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`], database.url);
    process.stderr.write(`Backup written to ${file} (pg_dump custom format).\n`);
    return;
  }
  if (!fs.existsSync(database.file))
    throw new Error(`no database at ${database.file} (check DATA_DIR or DATABASE_URL)`);
  if (file === path.resolve(database.file)) throw new Error(`${file} is the live database; back it up to another file`);
  if (force) fs.rmSync(file, { force: true });
  const source = new SQLite(database.file, { fileMustExist: true });
  source.pragma('busy_timeout = 5000');
  try {
    await source.backup(file, {
      progress({ totalPages, remainingPages }) {
        const done = totalPages - remainingPages;
        process.stderr.write(
          `backup: ${Math.floor((done / Math.max(totalPages, 1)) * 100)}% (${done}/${totalPages} pages)\n`,
        );
        return PAGES_PER_STEP;
      },
    });
  } finally {
    source.close();
  }
  const problem = checkSeatkeeperDatabase(file);
  if (problem) throw new Error(`the backup at ${file} failed its check: ${problem}`);
  process.stderr.write(`Backup written to ${file} (integrity checked).\n`);
}

/**
 * `npx seatkeeper restore FILE [--force]`: stop the server first. SQLite: the file must pass
 * SQLite's integrity check and hold Seatkeeper's migrations; it replaces the database (an existing
 * one only with --force). PostgreSQL: `pg_restore --clean` into DATABASE_URL, only with --force.
 */
export async function runRestore(args: string[]): Promise<void> {
  const { file, force } = parse(args, 'restore');
  if (!fs.existsSync(file)) throw new Error(`no backup at ${file}`);
  const database = loadConfig().database;
  if (database.kind === 'postgres') {
    if (!force) throw new Error('restoring replaces every table of DATABASE_URL; stop the servers and pass --force');
    // One transaction: a restore that fails midway (an object the archive does not know still
    // referencing one it drops) rolls back whole instead of leaving half the tables dropped.
    runPgTool(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', '--exit-on-error', '--single-transaction', file],
      database.url,
    );
    process.stderr.write(`Restored ${file} into DATABASE_URL; run npx seatkeeper migrate if the backup is older.\n`);
    return;
  }
  const problem = checkSeatkeeperDatabase(file);
  if (problem) throw new Error(`${file} cannot be restored: ${problem}`);
  const target = database.file;
  if (fs.existsSync(target) && !force) {
    throw new Error(`${target} exists; stop the server, then pass --force to replace it with the backup`);
  }
  if (fs.existsSync(target) && databaseInUse(target)) {
    throw new Error(`${target} is open in another process (a running server?); stop it, then restore`);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Copied beside the target, then renamed over it: a crash midway leaves the old database whole.
  const staging = `${target}.restoring`;
  fs.rmSync(staging, { force: true });
  const backup = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    await backup.backup(staging);
  } finally {
    backup.close();
  }
  // The old database's write-ahead log belongs to the old file: left beside the new one it would be replayed into it.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.renameSync(staging, target);
  process.stderr.write(`Restored ${file} to ${target}.\n`);
}

/** Why the file is not a whole Seatkeeper SQLite database, or undefined when it is one. */
export function checkSeatkeeperDatabase(file: string): string | undefined {
  let sqlite: SQLite.Database | undefined;
  try {
    sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return `SQLite's integrity check answers "${String(integrity)}"`;
    const migrations = sqlite
      .prepare(`select count(*) as count from sqlite_master where type = 'table' and name = ?`)
      .get(MIGRATION_TABLE) as { count: number };
    if (migrations.count === 0) return 'it is not a Seatkeeper database (no migration table)';
    return undefined;
  } catch (error) {
    return `it is not a SQLite database (${(error as Error).message})`;
  } finally {
    sqlite?.close();
  }
}

/**
 * True while another connection has the SQLite database open: in WAL mode each one holds a shared
 * lock on the file for as long as it is open, so an exclusive lock taken without waiting fails.
 * Replacing the file under a running server would lose every write it acknowledges afterwards.
 */
function databaseInUse(file: string): boolean {
  const probe = new SQLite(file, { fileMustExist: true });
  try {
    probe.pragma('busy_timeout = 0');
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('begin exclusive');
    probe.exec('commit');
    return false;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    probe.close();
  }
}

/**
 * Runs pg_dump or pg_restore on `url` with the terminal's output; without it on PATH, says what to
 * install. The password goes in PGPASSWORD, not on the command line, where `ps` would show it.
 */
function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], url: string): void {
  const target = new URL(url);
  const password = decodeURIComponent(target.password);
  target.password = '';
  const env = password ? { ...process.env, PGPASSWORD: password } : process.env;
  const result = spawnSync(tool, [...args, `--dbname=${target.toString()}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
  });
  if (result.error && 'code' in result.error && result.error.code === 'ENOENT') {
    throw new Error(
      `${tool} is not on PATH: install the PostgreSQL client tools of your server's major version, or follow ` +
        'the procedure in docs/operations.md',
    );
  }
  if (result.status !== 0) throw new Error(`${tool} failed (exit code ${result.status ?? result.signal})`);
}
