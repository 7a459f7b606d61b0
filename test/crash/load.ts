import { randomUUID } from 'node:crypto';
import type { Account, CrashWorld } from './crash-world.ts';

/**
 * What the batteries sent and what the server acknowledged. Acknowledged means an answer that
 * says the event is stored: the server answers only after its transaction has committed, so every
 * acknowledged event must be in the database after any kill. Sign-in attempts and ingested events
 * carry a probe id in their User-Agent (stored with the attempt), so each can be counted in the
 * database on its own.
 */
export class Ledger {
  /** Sign-in attempts (console and app) by probe id: answered as recorded, or sent with no such answer. */
  readonly signIns = new Map<string, 'acked' | 'sent'>();
  /** App sessions acknowledged (201), by token: the time (ms) the last acknowledged heartbeat was sent. */
  readonly sessions = new Map<string, number>();
  /** Ingested events by idempotency key. */
  readonly events = new Map<string, 'acked' | 'sent'>();
  /** Batches sent without an answer: an importer sends them again (after the restart). */
  pendingBatches: IngestEvent[][] = [];
  /** Acknowledged ingest answers that did not account for every event of their batch. */
  readonly ingestSurprises: string[] = [];
  /** Answers by kind and status (`network` when none came), for the battery's report. */
  readonly answers = new Map<string, number>();

  count(kind: string, status: number | 'network'): void {
    const key = `${kind} ${status}`;
    this.answers.set(key, (this.answers.get(key) ?? 0) + 1);
  }

  acknowledged(): { signIns: number; sessions: number; heartbeats: number; events: number } {
    const acked = (map: Map<string, string>) => [...map.values()].filter((state) => state === 'acked').length;
    return {
      signIns: acked(this.signIns),
      sessions: this.sessions.size,
      heartbeats: this.answers.get('heartbeat 204') ?? 0,
      events: acked(this.events),
    };
  }
}

export interface IngestEvent {
  idempotencyKey: string;
  email: string;
  occurredAt: string;
  ip: string;
  userAgent: string;
  outcome: 'success' | 'failure';
  failureReason?: string;
}

export type LoadKind = 'sign-in' | 'app-sign-in' | 'heartbeat' | 'ingest';

export interface LoadOptions {
  kinds: LoadKind[];
  /** API token for ingest. */
  ingestToken?: string | undefined;
  /** Concurrent heartbeat senders. */
  heartbeatSenders?: number;
  /** Events per ingest batch. */
  batchSize?: number;
  /** Called with every answer (for the restart battery, which judges answers while the database is down). */
  onAnswer?: (answer: Answer) => void;
}

export interface Answer {
  kind: LoadKind;
  status: number | 'network';
  code: string | undefined;
  retryAfter: string | null;
  contentType: string | null;
  at: number;
}

/** Marks a User-Agent as the battery's: the probe id is what the database is searched for. */
export const probeUserAgent = (id: string) =>
  `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 crash-probe/${id}`;
export const PROBE_PATTERN = /crash-probe\/(\S+)/;

const ADDRESSES = ['198.51.100.7', '203.0.113.20', '192.0.2.44', '198.51.100.99'];
/** Problem codes of refused sign-ins that are recorded before the answer (commit, then answer). */
const RECORDED_REFUSALS = new Set(['invalid-credentials', 'too-many-attempts']);

/**
 * Sends the chosen kinds of load at `url` until `stop()` is called or the server stops answering
 * (killed): each kind in its own loop, recording in `ledger`. Resolves when every loop has ended.
 */
export function startLoad(url: string, world: CrashWorld, ledger: Ledger, options: LoadOptions) {
  let stopped = false;
  const stop = () => {
    stopped = true;
  };
  const running = () => !stopped;
  const loops: Promise<void>[] = [];
  let answered: () => void = () => {};
  const firstAnswer = new Promise<void>((resolve) => {
    answered = resolve;
  });
  const waiting = new Set(options.kinds.filter((kind) => kind !== 'ingest' || options.ingestToken));
  let everyKindAnswered: () => void = () => {};
  const everyKind = new Promise<void>((resolve) => {
    everyKindAnswered = resolve;
  });
  const answer = (kind: LoadKind, response: Response | undefined, body: unknown) => {
    const status = response?.status ?? 'network';
    if (response) {
      answered();
      waiting.delete(kind);
      if (waiting.size === 0) everyKindAnswered();
    }
    ledger.count(kind, status);
    options.onAnswer?.({
      kind,
      status,
      code: (body as { code?: string } | undefined)?.code,
      retryAfter: response?.headers.get('retry-after') ?? null,
      contentType: response?.headers.get('content-type') ?? null,
      at: Date.now(),
    });
  };
  const send = async (kind: LoadKind, path: string, init: RequestInit) => {
    try {
      const response = await fetch(`${url}${path}`, { ...init, signal: AbortSignal.timeout(60_000) });
      const text = await response.text();
      const body = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined;
      answer(kind, response, body);
      return { response, body };
    } catch {
      answer(kind, undefined, undefined);
      return undefined;
    }
  };
  let turn = 0;
  const nextAccount = (): Account => {
    const accounts = [world.owner, ...world.members];
    return accounts[turn++ % accounts.length] as Account;
  };

  if (options.kinds.includes('sign-in')) {
    loops.push(
      (async () => {
        while (running()) {
          const id = randomUUID();
          const account = nextAccount();
          // One in three with a wrong password: recorded as failures, counted by the throttle.
          const password = Math.random() < 0.34 ? 'not the password at all' : account.password;
          ledger.signIns.set(id, 'sent');
          const result = await send('sign-in', '/api/v1/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'user-agent': probeUserAgent(id) },
            body: JSON.stringify({ email: account.email, password }),
          });
          if (!result) break;
          if (recorded(result.response.status, result.body)) ledger.signIns.set(id, 'acked');
        }
      })(),
    );
  }

  if (options.kinds.includes('app-sign-in')) {
    loops.push(
      (async () => {
        while (running()) {
          const id = randomUUID();
          const account = nextAccount();
          ledger.signIns.set(id, 'sent');
          const result = await send('app-sign-in', '/api/v1/app/sessions', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'user-agent': probeUserAgent(id) },
            body: JSON.stringify({
              email: account.email,
              password: account.password,
              app: { key: world.appKey, version: '1.0' },
              device: { id: `device-${id}`, name: 'Crash box', os: 'Linux', osVersion: '6.1' },
            }),
          });
          if (!result) break;
          if (result.response.status === 201) {
            ledger.signIns.set(id, 'acked');
            ledger.sessions.set((result.body as { sessionToken: string }).sessionToken, 0);
          } else if (recorded(result.response.status, result.body)) {
            ledger.signIns.set(id, 'acked');
          }
          await pause(150);
        }
      })(),
    );
  }

  if (options.kinds.includes('heartbeat')) {
    for (let sender = 0; sender < (options.heartbeatSenders ?? 6); sender++) {
      loops.push(
        (async () => {
          while (running()) {
            const tokens = [...ledger.sessions.keys()];
            const token = tokens[Math.floor(Math.random() * tokens.length)];
            if (!token) {
              await pause(50);
              continue;
            }
            const sentAt = Date.now();
            const result = await send('heartbeat', '/api/v1/app/sessions/current/heartbeat', {
              method: 'POST',
              headers: { authorization: `Bearer ${token}` },
            });
            if (!result) break;
            if (result.response.status === 204) {
              ledger.sessions.set(token, Math.max(ledger.sessions.get(token) ?? 0, sentAt));
            }
          }
        })(),
      );
    }
  }

  if (options.kinds.includes('ingest') && options.ingestToken) {
    const token = options.ingestToken;
    loops.push(
      (async () => {
        while (running()) {
          // An importer whose last batches went unanswered sends them again first.
          const batch = ledger.pendingBatches.shift() ?? newBatch(world, options.batchSize ?? 25);
          for (const event of batch)
            ledger.events.set(event.idempotencyKey, ledger.events.get(event.idempotencyKey) ?? 'sent');
          const result = await send('ingest', '/api/v1/events', {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify(batch),
          });
          if (result?.response.status === 200) {
            for (const event of batch) ledger.events.set(event.idempotencyKey, 'acked');
            const { accepted, duplicates, rejected } = result.body as IngestResult;
            // Every event of a batch is either stored by it or was stored before (a batch sent again).
            if (accepted + duplicates !== batch.length || rejected.length > 0) {
              ledger.ingestSurprises.push(JSON.stringify(result.body).slice(0, 500));
            }
          } else {
            ledger.pendingBatches.push(batch);
          }
          if (!result) break;
        }
      })(),
    );
  }

  return { stop, firstAnswer, everyKind, done: Promise.all(loops).then(() => undefined) };
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: unknown[];
}

/** 200 or 201, or a refusal that the server records before it answers (a failed attempt). */
function recorded(status: number, body: unknown): boolean {
  if (status === 200 || status === 201) return true;
  const code = (body as { code?: string } | undefined)?.code;
  return (status === 401 || status === 429) && code !== undefined && RECORDED_REFUSALS.has(code);
}

/** Events of the last 20 days, in any order: late events update the aggregates' later rows. */
function newBatch(world: CrashWorld, size: number): IngestEvent[] {
  const accounts = [world.owner, ...world.members];
  return Array.from({ length: size }, () => {
    const key = randomUUID();
    const failure = Math.random() < 0.3;
    return {
      idempotencyKey: key,
      email: (accounts[Math.floor(Math.random() * accounts.length)] as Account).email,
      occurredAt: new Date(Date.now() - Math.floor(Math.random() * 20 * 24 * 60) * 60_000).toISOString(),
      ip: ADDRESSES[Math.floor(Math.random() * ADDRESSES.length)] as string,
      userAgent: probeUserAgent(key),
      outcome: failure ? 'failure' : 'success',
      ...(failure ? { failureReason: 'invalid_password' } : {}),
    };
  });
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
