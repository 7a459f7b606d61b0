import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

/**
 * /metrics under `npm run cluster`: the worker that takes the scrape asks the primary, the primary
 * asks every worker for its registries over the cluster's IPC channel and merges the answers with
 * prom-client's AggregatorRegistry.aggregate, and the asking worker serves the result.
 *
 * prom-client's own AggregatorRegistry.clusterMetrics() is not used: it answers in workers only for
 * the registries given to its module-wide setRegistries (the global one by default, which this app
 * leaves empty), gives up on the whole scrape after a fixed 5 s, and merges gauges only by its
 * aggregators. Here each worker answers with exactly the registries its app hands over
 * (shareWorkerMetrics), and the primary decides what a missing or dead worker means.
 */

/** How long (ms) the primary waits for every worker's metrics before answering the scrape 503. */
export const WORKER_ANSWER_TIMEOUT_MS = 3_000;
/** How long (ms) the scraped worker waits for the primary: its wait for the workers plus room to merge. */
export const PRIMARY_ANSWER_TIMEOUT_MS = WORKER_ANSWER_TIMEOUT_MS + 2_000;

/**
 * The aggregator that marks a gauge whose reading is the same in every worker (a count in the shared
 * database): one series in a cluster's scrape instead of one per worker. Outside a cluster it
 * changes nothing.
 */
export const SAME_IN_EVERY_WORKER = 'first' as const;

/** What a cluster scrape gives the route: the merged text, or why there is none. */
export type ClusterScrape = { complete: true; text: string } | { complete: false; detail: string };

type MetricJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>[number];

const READY = 'seatkeeper:metrics-ready';
const SCRAPE = 'seatkeeper:metrics-scrape';
const COLLECT = 'seatkeeper:metrics-collect';
const COLLECTED = 'seatkeeper:metrics-collected';
const SCRAPED = 'seatkeeper:metrics-scraped';

type Message =
  | { type: typeof READY }
  | { type: typeof SCRAPE; scrape: number }
  | { type: typeof COLLECT; gathering: number }
  | { type: typeof COLLECTED; gathering: number; metrics?: MetricJson[] }
  | ({ type: typeof SCRAPED; scrape: number } & ClusterScrape);

/** Messages from other senders (cluster's own, prom-client's) share the channel: only ours are read. */
function isMessage<T extends Message['type']>(message: unknown, type: T): message is Extract<Message, { type: T }> {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;
}

// ── In a worker ──────────────────────────────────────────────────────────────────────────────

let sharedRegistries: readonly Registry[] = [];
let answering = false;
let nextScrape = 0;
const scrapesWaiting = new Map<number, (scrape: ClusterScrape) => void>();

/**
 * In a cluster worker: answer the primary's requests with these registries (every registry the app
 * serves at /metrics; a later call, from a rebuilt app, replaces them) and return the function that
 * scrapes the whole cluster. Outside a cluster (one process, tests): undefined, nothing installed.
 */
export function shareWorkerMetrics(registries: readonly Registry[]): (() => Promise<ClusterScrape>) | undefined {
  if (!cluster.isWorker) return undefined;
  sharedRegistries = registries;
  if (!answering) {
    answering = true;
    process.on('message', answerPrimary);
    // Until this arrives the primary does not wait for this worker, so one still starting never fails a scrape.
    sendToPrimary({ type: READY });
  }
  return scrapeCluster;
}

function answerPrimary(message: unknown): void {
  if (isMessage(message, COLLECT)) {
    Promise.all(sharedRegistries.map((registry) => registry.getMetricsAsJSON())).then(
      (lists) => sendToPrimary({ type: COLLECTED, gathering: message.gathering, metrics: lists.flat() }),
      // No metrics: the primary counts this worker as missing at once instead of waiting for it.
      () => sendToPrimary({ type: COLLECTED, gathering: message.gathering }),
    );
  } else if (isMessage(message, SCRAPED)) {
    scrapesWaiting.get(message.scrape)?.(
      message.complete ? { complete: true, text: message.text } : { complete: false, detail: message.detail },
    );
  }
}

function scrapeCluster(): Promise<ClusterScrape> {
  return new Promise((resolve) => {
    const scrape = nextScrape++;
    const settle = (answer: ClusterScrape) => {
      clearTimeout(timer);
      scrapesWaiting.delete(scrape);
      resolve(answer);
    };
    const timer = setTimeout(
      () =>
        settle({
          complete: false,
          detail: `The cluster's primary did not answer within ${PRIMARY_ANSWER_TIMEOUT_MS} ms.`,
        }),
      PRIMARY_ANSWER_TIMEOUT_MS,
    );
    scrapesWaiting.set(scrape, settle);
    sendToPrimary({ type: SCRAPE, scrape }, () =>
      settle({ complete: false, detail: "The cluster's primary is gone; this worker is stopping." }),
    );
  });
}

/** With a callback always: without one, a closed channel would be an 'error' event that kills the process. */
function sendToPrimary(message: Message, onClosed: () => void = () => {}): void {
  if (!process.send || !process.connected) {
    onClosed();
    return;
  }
  process.send(message, undefined, {}, (error: Error | null) => {
    if (error) onClosed();
  });
}

// ── In the primary ───────────────────────────────────────────────────────────────────────────

interface Gathering {
  /** Workers asked that have not answered yet, by cluster worker id. */
  waiting: Map<number, Worker>;
  /** Workers that answered without metrics (their registries failed to collect). */
  failed: Worker[];
  /** Each answer, gauges already labelled with the worker (perWorker). */
  answers: Map<number, MetricJson[]>;
  /** A worker's answer: its metrics, or none when its registries failed. */
  answer(worker: Worker, metrics: MetricJson[] | undefined): void;
  /** A worker gone while asked (exited or disconnected): neither waited for nor counted here. */
  leave(workerId: number): void;
}

/**
 * In the primary of `npm run cluster`: answer workers' scrapes with every ready worker's metrics.
 *
 * Counters and histograms are summed over the workers. A worker that is gone (killed, crashed,
 * shut down) leaves its last counts in the sum: otherwise every replacement would make the cluster's
 * counters drop, which Prometheus reads as a reset and turns into a spike in rate(). Gauges and
 * summaries keep one series per worker (perWorker). A worker that does not answer within
 * WORKER_ANSWER_TIMEOUT_MS makes the scrape a 503: a sum without it would drop the same way.
 */
export function serveClusterMetrics(): void {
  const ready = new Set<number>();
  const gatherings = new Map<number, Gathering>();
  let nextGathering = 0;
  /** Counters and histograms of every worker gone, summed: their last answer each. */
  let retired: Promise<MetricJson[]> = Promise.resolve([]);
  /** The counters and histograms of each living worker's latest answer, by cluster worker id. */
  const lastCounts = new Map<number, MetricJson[]>();

  /** Idempotent: 'disconnect' and 'exit' both come for a worker that dies, in either order. */
  const retire = (worker: Worker) => {
    ready.delete(worker.id);
    for (const gathering of gatherings.values()) gathering.leave(worker.id);
    const counts = lastCounts.get(worker.id);
    lastCounts.delete(worker.id);
    if (!counts) return;
    // Folded into one list at once, so the memory kept stays one worker's worth however many die.
    retired = retired.then((earlier) =>
      AggregatorRegistry.aggregate([earlier, counts])
        .getMetricsAsJSON()
        .catch(() => earlier),
    );
  };

  const gather = (): Promise<ClusterScrape> =>
    new Promise((resolve) => {
      const id = nextGathering++;
      const gathering: Gathering = {
        waiting: new Map(),
        failed: [],
        answers: new Map(),
        answer: (worker, metrics) => {
          // Only the first answer of a worker asked and not gone meanwhile counts.
          if (!gathering.waiting.delete(worker.id)) return;
          if (metrics) {
            gathering.answers.set(
              worker.id,
              metrics.map((metric) => perWorker(metric, worker.process.pid)),
            );
            lastCounts.set(worker.id, metrics.filter(isCount));
          } else {
            gathering.failed.push(worker);
          }
          if (gathering.waiting.size === 0) finish();
        },
        leave: (workerId) => {
          gathering.waiting.delete(workerId);
          gathering.answers.delete(workerId);
          if (gathering.waiting.size === 0) finish();
        },
      };
      const finish = () => {
        if (!gatherings.delete(id)) return;
        clearTimeout(timer);
        const missing = [...gathering.waiting.values(), ...gathering.failed];
        if (missing.length > 0) {
          const pids = missing.map((worker) => worker.process.pid).join(', ');
          resolve({
            complete: false,
            detail:
              `Worker ${pids} did not answer within ${WORKER_ANSWER_TIMEOUT_MS} ms. No metrics rather than a sum ` +
              'without it, whose counters would seem to drop; the next scrape asks again.',
          });
          return;
        }
        // The answers and the retired counts are taken together, now: a worker that dies from here on
        // is in one or the other, never both.
        const answers = [...gathering.answers.values()];
        retired
          .then((earlier) => AggregatorRegistry.aggregate([earlier, ...answers]).metrics())
          .then(
            (text) => resolve({ complete: true, text }),
            (error: unknown) => resolve({ complete: false, detail: `Merging the workers' metrics failed: ${error}` }),
          );
      };
      gatherings.set(id, gathering);
      const timer = setTimeout(finish, WORKER_ANSWER_TIMEOUT_MS);
      for (const workerId of ready) {
        const worker = cluster.workers?.[workerId];
        if (!worker || worker.isDead() || !worker.isConnected()) continue;
        gathering.waiting.set(workerId, worker);
      }
      if (gathering.waiting.size === 0) {
        finish();
        return;
      }
      for (const worker of gathering.waiting.values()) {
        // A closed channel: the worker is on its way out, as good as gone.
        worker.send({ type: COLLECT, gathering: id } satisfies Message, undefined, (error: Error | null) => {
          if (error) retire(worker);
        });
      }
    });

  cluster.on('message', (worker, message: unknown) => {
    if (isMessage(message, READY)) {
      ready.add(worker.id);
    } else if (isMessage(message, SCRAPE)) {
      gather().then((answer) => {
        const reply: Message = { type: SCRAPED, scrape: message.scrape, ...answer };
        // The asking worker may have gone meanwhile; nobody is left to answer.
        worker.send(reply, undefined, () => {});
      });
    } else if (isMessage(message, COLLECTED)) {
      // An answer to a gathering already finished (a worker that was stopped, then continued) is dropped.
      gatherings.get(message.gathering)?.answer(worker, message.metrics);
    }
  });
  cluster.on('disconnect', retire);
  cluster.on('exit', retire);
}

/** prom-client types `type` as a numeric enum; at run time it is the text of the TYPE line. */
function typeOf(metric: MetricJson): string {
  return String(metric.type);
}

/** Counters and histograms: what sums over workers and stays in the sum after a worker is gone. */
function isCount(metric: MetricJson): boolean {
  return typeOf(metric) === 'counter' || typeOf(metric) === 'histogram';
}

/**
 * Gauges and summaries keep one series per worker, labelled `worker` with its pid (the `pid` of its
 * log lines). A gauge is one process's reading (memory, event-loop delay, its pool's connections,
 * its requests in flight): a sum or an average made here would hide the one worker that leaks or
 * stalls, while sum(), max() or avg() in PromQL give any aggregate back, as they do across the
 * instances of any other service. Summaries' quantiles cannot be summed at all. The series of a
 * replaced worker end with it (Prometheus marks them stale). Gauges marked SAME_IN_EVERY_WORKER
 * (queue depths read from the shared database, nodejs_version_info) are answered once.
 */
function perWorker(metric: MetricJson, pid: number | undefined): MetricJson {
  if (isCount(metric) || metric.aggregator === SAME_IN_EVERY_WORKER) return metric;
  return {
    ...metric,
    // Each label set now has one value; prom-client's own aggregator (an average, or 'omit' for the
    // start time) would otherwise apply to it or drop it.
    aggregator: 'first',
    values: metric.values.map((value) => ({ ...value, labels: { ...value.labels, worker: String(pid) } })),
  };
}
