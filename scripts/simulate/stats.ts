import type { FetchLike } from '../../src/sdk/index.ts';

export const REQUEST_KINDS = ['console', 'sign-in', 'heartbeat', 'sign-out'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** How a simulated session ended; `refused:<code>` when the server refused a heartbeat. */
export type SessionEnd = 'signed-out' | 'abandoned' | 'signed-out-at-stop' | `refused:${string}`;

interface ErrorTally {
  count: number;
  statuses: Set<number>;
  kinds: Set<RequestKind>;
}

/** Everything the progress line and the final summary show. Latencies in milliseconds. */
export class SimulationStats {
  readonly requests = new Map<RequestKind, number>(REQUEST_KINDS.map((kind) => [kind, 0]));
  readonly latencies = new Map<RequestKind, number[]>(REQUEST_KINDS.map((kind) => [kind, []]));
  /** By problem code (`network-error`, `timeout` when no answer came). */
  readonly errors = new Map<string, ErrorTally>();
  readonly sessionEnds = new Map<SessionEnd, number>();
  /** Outcomes the script did not expect (a seat holder refused, a seatless person let in, a 5xx): exit code 1. */
  readonly surprises: string[] = [];
  /** --floating: refusals because the pool was full, and how each person's wait for a seat ended. */
  readonly pool = { denials: 0, seatedOnRetry: 0, gaveUp: 0, seatedAtOnce: 0 };
  sessionsStarted = 0;
  activeSessions = 0;
  totalRequests = 0;
  totalErrors = 0;

  /** A fetch that counts and times every request, and refuses to talk to any other origin than the server's. */
  instrument(origin: string, fetchImpl: FetchLike = (input, init) => fetch(input, init)): FetchLike {
    return async (input, init) => {
      const url = new URL(input);
      if (url.origin !== origin) throw new Error(`The simulator only talks to ${origin}, not ${url.origin}`);
      const kind = kindOf(init.method ?? 'GET', url.pathname);
      this.totalRequests++;
      this.requests.set(kind, (this.requests.get(kind) ?? 0) + 1);
      const startedAt = performance.now();
      let response: Response;
      try {
        response = await fetchImpl(input, init);
      } catch (error) {
        this.countError(init.signal?.aborted ? 'timeout' : 'network-error', 0, kind);
        throw error;
      }
      this.latencies.get(kind)?.push(performance.now() - startedAt);
      if (!response.ok) this.countError(await problemCode(response), response.status, kind);
      return response;
    };
  }

  sessionStarted(): void {
    this.sessionsStarted++;
    this.activeSessions++;
  }

  sessionEnded(how: SessionEnd): void {
    this.activeSessions--;
    this.sessionEnds.set(how, (this.sessionEnds.get(how) ?? 0) + 1);
  }

  surprise(message: string): void {
    this.surprises.push(message);
  }

  private countError(code: string, status: number, kind: RequestKind): void {
    this.totalErrors++;
    const tally = this.errors.get(code) ?? { count: 0, statuses: new Set(), kinds: new Set() };
    tally.count++;
    if (status) tally.statuses.add(status);
    tally.kinds.add(kind);
    this.errors.set(code, tally);
    if (status >= 500) this.surprise(`${kind}: server error ${status} ${code}`);
  }
}

function kindOf(method: string, pathname: string): RequestKind {
  if (pathname.endsWith('/api/v1/app/sessions') && method === 'POST') return 'sign-in';
  if (pathname.endsWith('/api/v1/app/sessions/current/heartbeat')) return 'heartbeat';
  if (pathname.endsWith('/api/v1/app/sessions/current') && method === 'DELETE') return 'sign-out';
  return 'console';
}

/** The problem's code, read from a copy so the SDK still gets the body. */
async function problemCode(response: Response): Promise<string> {
  try {
    const body = (await response.clone().json()) as { code?: unknown };
    if (typeof body.code === 'string') return body.code;
  } catch {
    // Not JSON (a proxy's page): named by status below.
  }
  return `http-${response.status}`;
}

/** Nearest-rank percentile of ascending `sorted` (0 < p ≤ 100); NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
