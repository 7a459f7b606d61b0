/** True for a unique-constraint violation on SQLite or PostgreSQL (the race a pre-check cannot close). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/**
 * What a database failure means for the request that met it (docs/resilience.md):
 * - `unavailable`: the database cannot be reached now (PostgreSQL restarting or down, the network
 *   between us cut, no connection free in time); nothing was committed, the same request later will do;
 * - `conflict`: the transaction lost a race it could not wait out (a PostgreSQL deadlock or
 *   serialization failure, SQLite's lock still held after busy_timeout); rolled back, retry at once;
 * - undefined: anything else (a bug, a constraint): a 500.
 */
export type DatabaseFailure = 'unavailable' | 'conflict';

/**
 * How long (s) a client is told to wait (Retry-After) when the database cannot be reached: about
 * what a PostgreSQL restart takes. The server itself reconnects at the next request.
 */
export const DATABASE_UNAVAILABLE_RETRY_AFTER_S = 5;
/** Retry-After (s) of a transaction that lost a race (deadlock, serialization failure, SQLite lock): retrying soon will do. */
export const DATABASE_BUSY_RETRY_AFTER_S = 1;

/**
 * PostgreSQL SQLSTATEs of a server that is going away or not there yet: class 08 (connection
 * exception), 57P01 admin shutdown (a fast or smart stop), 57P02 crash shutdown (another backend
 * crashed), 57P03 cannot connect now (starting up, shutting down, in recovery), 53300 too many
 * connections, 53000 insufficient resources.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '53000']);
/** 40001 serialization failure, 40P01 deadlock detected, 55P03 lock not available. */
const CONFLICT_SQLSTATES = new Set(['40001', '40P01', '55P03']);
/** Socket errors of a connection refused, reset or never made (Node's `code`): the database's only when marked. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
]);
/** SQLite: the write lock was still held when busy_timeout ran out, or a snapshot went stale. */
const SQLITE_CONFLICT_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_LOCKED']);
/**
 * node-postgres says "connection lost" in words only, without a code: a socket that ended
 * (mid-query or idle in a checked-out client), a client used after that, a pool that found no
 * connection within connectionTimeoutMillis.
 */
const CONNECTION_LOST_MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /^timeout exceeded when trying to connect/,
];
/**
 * Kysely's PostgreSQL driver refuses a connection it discarded after a failed rollback. It throws
 * this itself, before the marked client is reached, and says so only of a PostgreSQL connection.
 */
const DISCARDED_CONNECTION_MESSAGE = /^Postgres connection has been discarded/;

/**
 * Set on an error as it leaves the PostgreSQL driver (database.ts wraps the pool: `connect()` and a
 * client's `query()`). A socket code or a "connection lost" message counts only under it: the same
 * ECONNREFUSED from a webhook's fetch, Redis or SMTP is not the database's, and nobody catching it
 * is a bug (a 500), not an outage to retry.
 */
const FROM_DATABASE = Symbol('seatkeeper.fromDatabase');

/**
 * Marks `error` as thrown by the database driver and answers it: the same object, so its `code`,
 * `message`, class and stack stay as they were (unique violations, logs); a value that cannot
 * carry the mark (a primitive, a frozen object) comes back as a marked Error with it as `cause`.
 */
export function markDatabaseError(error: unknown): unknown {
  const target =
    typeof error === 'object' && error !== null && Object.isExtensible(error)
      ? error
      : new Error(error instanceof Error ? error.message : String(error), { cause: error });
  // Not enumerable: loggers and JSON leave it out.
  if (!Object.hasOwn(target, FROM_DATABASE)) Object.defineProperty(target, FROM_DATABASE, { value: true });
  return target;
}

/** True when `error` itself carries the mark of markDatabaseError (not looking into its causes). */
function isMarkedDatabaseError(error: object): boolean {
  return Object.hasOwn(error, FROM_DATABASE);
}

/**
 * Classifies an error thrown by a query or a transaction, on SQLite or PostgreSQL, looking
 * through `cause` and an AggregateError's `errors` (Node reports a refused connection to a name
 * with two addresses as one AggregateError of two ECONNREFUSED). SQLSTATEs and SQLITE_* codes are
 * the database's wherever they are found; socket codes and connection-lost messages only inside
 * an error the driver marked (markDatabaseError): the mark covers its `cause` and `errors`.
 */
export function classifyDatabaseError(error: unknown, depth = 0, fromDatabase = false): DatabaseFailure | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const marked = fromDatabase || isMarkedDatabaseError(error);
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') {
    if (code.startsWith('08') && code.length === 5) return 'unavailable';
    if (UNAVAILABLE_SQLSTATES.has(code)) return 'unavailable';
    if (CONFLICT_SQLSTATES.has(code) || SQLITE_CONFLICT_CODES.has(code)) return 'conflict';
    if (marked && SOCKET_CODES.has(code)) return 'unavailable';
  }
  if (typeof message === 'string') {
    if (DISCARDED_CONNECTION_MESSAGE.test(message)) return 'unavailable';
    if (marked && CONNECTION_LOST_MESSAGES.some((pattern) => pattern.test(message))) return 'unavailable';
  }
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const found = classifyDatabaseError(inner, depth + 1, marked);
      if (found) return found;
    }
  }
  return cause === undefined ? undefined : classifyDatabaseError(cause, depth + 1, marked);
}
