import { INGEST_BATCH_MAX } from '../../../contract/events.ts';
import type { AppDeps } from '../../app-deps.ts';
import { ingestEvents } from './ingest-events.ts';
import { detectFormat, type ExportFormat, mapRecord } from './map-export-record.ts';
import { detectLayout, readRecords } from './read-event-file.ts';

/** Rejected records an import's summary lists one by one (the counts cover all of them). */
export const LISTED_PROBLEMS_MAX = 100;

export interface ImportSummary {
  format: ExportFormat;
  /** Records read from the file. */
  records: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Records that are not sign-ins (a Google logout): not sent. */
  skipped: number;
  /** The first rejected records: their number in the file (from 1) and why. */
  problems: { record: number; code: string; detail: string }[];
}

export interface ImportOptions {
  format: ExportFormat | 'auto';
  /** Called after each batch commits, with the bytes of the file read so far. */
  onProgress?: (bytesRead: number) => void;
}

/**
 * `seatkeeper import-events FILE`: streams an export file, maps each record to our event and sends
 * batches of up to 10,000 through the same use case as POST /api/v1/events (one batch in memory at a
 * time). A file read again later adds nothing: every event keeps its source's id as its key.
 */
export async function importEventFile(
  deps: AppDeps,
  orgId: string,
  file: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const layout = await detectLayout(file);
  let format: ExportFormat | undefined = options.format === 'auto' ? undefined : options.format;
  const summary: ImportSummary = {
    format: format ?? 'seatkeeper',
    records: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    skipped: 0,
    problems: [],
  };
  let batch: unknown[] = [];
  /** The file's record number (from 1) of each event in the batch. */
  let numbers: number[] = [];
  let bytesRead = 0;
  const send = async () => {
    if (batch.length === 0) return;
    const result = await ingestEvents(deps, orgId, batch);
    summary.accepted += result.accepted;
    summary.duplicates += result.duplicates;
    summary.rejected += result.rejected.length;
    for (const { index, problem } of result.rejected) {
      if (summary.problems.length >= LISTED_PROBLEMS_MAX) break;
      summary.problems.push({ record: numbers[index] ?? index + 1, ...problem });
    }
    batch = [];
    numbers = [];
    options.onProgress?.(bytesRead);
  };
  for await (const record of readRecords(file, layout)) {
    summary.records++;
    bytesRead = record.bytesRead;
    format ??= detectFormat(record.value);
    summary.format = format;
    const mapped = mapRecord(format, record.value);
    if ('skipped' in mapped) {
      summary.skipped++;
      continue;
    }
    batch.push(mapped.event);
    numbers.push(summary.records);
    if (batch.length >= INGEST_BATCH_MAX) await send();
  }
  await send();
  return summary;
}
