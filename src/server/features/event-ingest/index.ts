/** The public entry of event-ingest (issue 15): what http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { type CheckedEvent, checkEvent, UnreadableEvent } from './check-event.ts';
export { countIngestedEvents } from './event-ingest.repository.ts';
export { type ImportOptions, type ImportSummary, importEventFile, LISTED_PROBLEMS_MAX } from './import-event-file.ts';
export { INGEST_CHUNK, ingestEvents, NOTIFY_WITHIN_MS } from './ingest-events.ts';
export { detectFormat, EXPORT_FORMATS, type ExportFormat, mapRecord } from './map-export-record.ts';
