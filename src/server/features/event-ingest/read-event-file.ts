import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parse as parseCsv } from 'csv-parse';
import { UnreadableEvent } from './check-event.ts';

/** A record of an export file, and how far into the file (bytes) reading has come: progress. */
export interface FileRecord {
  value: unknown;
  bytesRead: number;
}

export type FileLayout = 'json' | 'json-lines' | 'csv';

/**
 * Which layout a file has: `.csv` is CSV, `.jsonl`/`.ndjson` JSON lines; otherwise its first
 * character decides: `[` a JSON array; `{` JSON lines when the first line is a whole object, else one
 * JSON object whose first array holds the records (Microsoft Graph's `{"value": […]}`, Google's
 * `{"items": […]}`). Only the first 64 KiB are read to decide.
 */
export async function detectLayout(file: string): Promise<FileLayout> {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'json-lines';
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const text = head.trimStart();
    if (text.startsWith('[')) return 'json';
    const firstLine = text.split('\n', 1)[0] ?? '';
    try {
      JSON.parse(firstLine);
      return 'json-lines';
    } catch {
      return 'json';
    }
  } finally {
    await handle.close();
  }
}

/** Every record of the file, read as a stream: a 1 GB export is never held in memory whole. */
export async function* readRecords(file: string, layout: FileLayout): AsyncGenerator<FileRecord> {
  if (layout === 'csv') yield* readCsv(file);
  else if (layout === 'json-lines') yield* readJsonLines(file);
  else yield* readJsonArray(file);
}

async function* readJsonLines(file: string): AsyncGenerator<FileRecord> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    const text = line.replace(/^\uFEFF/, '');
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = new UnreadableEvent('this line is not valid JSON');
    }
    yield { value, bytesRead: stream.bytesRead };
  }
}

async function* readCsv(file: string): AsyncGenerator<FileRecord> {
  const stream = createReadStream(file);
  const parser = stream.pipe(parseCsv({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }));
  for await (const row of parser) yield { value: row as unknown, bytesRead: stream.bytesRead };
}

/**
 * The elements of the file's record array, one at a time: the root array, or the first array that
 * is a value of the root object. A small scanner keeps strings, escapes and depth; each element's
 * text is parsed alone. An element that does not parse is passed on as unreadable (rejected alone).
 */
async function* readJsonArray(file: string): AsyncGenerator<FileRecord> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  let depth = 0;
  /** Depth of the record array's elements once it was found; 0 before. */
  let elementDepth = 0;
  let inString = false;
  let escaped = false;
  let element: string[] = [];
  let elementStart = -1;
  let done = false;
  for await (const chunk of stream as AsyncIterable<string>) {
    if (done) break;
    const records: unknown[] = [];
    const flush = (end: number) => {
      if (elementStart >= 0) element.push(chunk.slice(elementStart, end));
      const text = element.join('').trim();
      element = [];
      elementStart = -1;
      if (text === '') return;
      try {
        records.push(JSON.parse(text));
      } catch {
        records.push(new UnreadableEvent('this record is not valid JSON'));
      }
    };
    for (let index = 0; index < chunk.length; index++) {
      const char = chunk[index];
      if (inString) {
        if (escaped) escaped = false;
        else if (char === '\\') escaped = true;
        else if (char === '"') inString = false;
        continue;
      }
      if (char === '"') {
        inString = true;
        if (elementDepth > 0 && depth === elementDepth - 1 && elementStart < 0) elementStart = index;
        continue;
      }
      if (char === '{' || char === '[') {
        if (elementDepth > 0 && depth === elementDepth - 1 && elementStart < 0) elementStart = index;
        depth++;
        if (elementDepth === 0 && char === '[' && depth <= 2) elementDepth = depth + 1;
        continue;
      }
      if (char === '}' || char === ']') {
        if (elementDepth > 0 && depth === elementDepth - 1 && char === ']') {
          // The record array closes: a last element without a trailing comma ends here.
          flush(index);
          done = true;
          break;
        }
        depth--;
        continue;
      }
      if (elementDepth > 0 && depth === elementDepth - 1) {
        if (char === ',') flush(index);
        else if (elementStart < 0 && char !== ' ' && char !== '\n' && char !== '\r' && char !== '\t')
          elementStart = index;
      }
    }
    if (elementStart >= 0) {
      element.push(chunk.slice(elementStart));
      elementStart = 0;
    }
    for (const value of records) yield { value, bytesRead: stream.bytesRead };
  }
  stream.destroy();
}
