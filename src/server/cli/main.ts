import { ConfigError } from '../config.ts';
import { AppError } from '../lib/app-error.ts';

const USAGE = `Usage: npx seatkeeper <command> [options]

Commands:
  start                       Serve the console and API (what npm start runs)
  cluster [--workers N] [--no-web-build]
                              Serve with N worker processes on one port (what npm run cluster runs; WORKERS,
                              default: the CPU count, 1 over SQLite); see docs/scaling.md
  migrate                     Apply pending database migrations
  create-org --name N --owner-email E --owner-password P [--owner-name N] [--time-zone Z] [--json]
                              Create an organization and its first owner
  add-product --key K --name N [--json]
                              Add one of the vendor's applications
  add-subscription --org ID --product K --seats N --expires YYYY-MM-DD [--starts YYYY-MM-DD]
                   [--kind named|floating] [--seat-price 12.50 --currency EUR] [--json]
                              Record a purchase: N seats of a product until the end of that day (org time zone);
                              named seats are assigned to people (default), a floating pool is N concurrent seats
  renew-subscription --id ID --expires YYYY-MM-DD [--json]
                              Record a renewal: access now runs through that day
  set-seats --id ID --seats N [--release email[,email…]] [--json]
                              Change seats purchased; going below those assigned needs --release of that many holders
                              (a floating pool cannot go below its seats in use now)
  set-role --email E --role owner|member [--json]
                              Change a user's role (an organization always keeps one owner who can sign in)
  password-link --email E [--json]
                              Print a one-time link for the user to set a password: their first, or a new one
                              (then valid for 24 hours; using it ends their other sessions)
  import-events FILE [--org ID] [--format auto|seatkeeper|entra|google] [--json]
                              Store sign-in events from a file: our JSON array or JSON lines, a Microsoft Entra
                              sign-in log export (JSON or CSV) or a Google Workspace login audit; progress on
                              stderr (docs/event-ingest.md)
  seed-demo                   Add the demo organization (with months of activity)
  rebuild-reports [--org ID] [--at-once] [--drop-purged-history] [--json]
                              Recompute the report aggregates from the stored events (after an import,
                              a restore or a change of time zone)
  purge [--json]              Run the retention job once now: delete raw events and audit entries past each
                              organization's retention, cut addresses past its anonymisation age
                              (exit code 3 when another process holds the job's lease)
  rotate-license-key --org ID [--json]
                              Retire the organization's lease-signing key and make a new one (files already
                              borrowed keep verifying)
  reclaim-seats [--json]      Run the dormant-seat reclaim job once now: warn holders of idle seats, free the
                              seats that are due (exit code 3 when another process holds the job's lease)
  backup FILE [--force]       Copy the database to FILE while the server runs (SQLite's online backup; PostgreSQL:
                              pg_dump -Fc); progress on stderr
  restore FILE [--force]      Replace the database with a backup (stop the server first; an existing database only
                              with --force); docs/operations.md
  help                        Show this text

Configuration comes from the environment (DATABASE_URL, DATA_DIR, …), as for the server; see README.md.`;

type Command = (args: string[]) => Promise<void>;

// Loaded on demand: `help` or a typo should not open GeoIP databases or build anything.
const COMMANDS: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./start.ts')).runStart,
  cluster: async () => (await import('./cluster.ts')).runClusterCommand,
  migrate: async () => (await import('./migrate.ts')).runMigrate,
  'create-org': async () => (await import('./create-org.ts')).runCreateOrg,
  'set-role': async () => (await import('./recover-owner.ts')).runSetRole,
  'password-link': async () => (await import('./recover-owner.ts')).runPasswordLink,
  'seed-demo': async () => (await import('./seed-demo.ts')).runSeedDemo,
  'import-events': async () => (await import('./import-events.ts')).runImportEvents,
  'rebuild-reports': async () => (await import('./rebuild-reports.ts')).runRebuildReports,
  purge: async () => (await import('./purge.ts')).runPurge,
  'reclaim-seats': async () => (await import('./reclaim-seats.ts')).runReclaimSeats,
  'rotate-license-key': async () => (await import('./rotate-license-key.ts')).runRotateLicenseKey,
  'add-product': async () => (await import('./products-and-subscriptions.ts')).runAddProduct,
  'add-subscription': async () => (await import('./products-and-subscriptions.ts')).runAddSubscription,
  'renew-subscription': async () => (await import('./products-and-subscriptions.ts')).runRenewSubscription,
  'set-seats': async () => (await import('./products-and-subscriptions.ts')).runSetSeats,
  backup: async () => (await import('./backup.ts')).runBackup,
  restore: async () => (await import('./backup.ts')).runRestore,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 1;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`Unknown command "${name}".\n\n${USAGE}\n`);
    return 1;
  }
  await (await load())(args);
  return 0;
}

try {
  const code = await main(process.argv.slice(2));
  if (code !== 0) process.exit(code);
} catch (error) {
  process.stderr.write(`${describeError(error)}\n`);
  process.exit(1);
}

function describeError(error: unknown): string {
  if (error instanceof ConfigError) return `Configuration error: ${error.message}`;
  if (error instanceof AppError) return `Error: ${error.detail ?? error.title}`;
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    return `${error.message}\n\n${USAGE}`;
  }
  if (error instanceof Error) return `Error: ${error.message}`;
  return `Error: ${String(error)}`;
}
