import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UnreadableEvent } from './check-event.ts';
import { detectFormat, mapRecord } from './map-export-record.ts';
import { detectLayout, readRecords } from './read-event-file.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-read-events-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

async function valuesOf(file: string): Promise<unknown[]> {
  const values: unknown[] = [];
  for await (const record of readRecords(file, await detectLayout(file))) values.push(record.value);
  return values;
}

describe('reading an export file as a stream of records', () => {
  // Strings with brackets, commas, escaped quotes and non-ASCII text, many times the reader's 256 KiB chunk.
  const records = Array.from({ length: 5000 }, (_, index) => ({
    id: `r-${index}`,
    note: `a "quoted", [bracketed] {braced} \\ text — ${'ü'.repeat(index % 90)}`,
    nested: { list: [1, [2, 3], { deeper: ']' }] },
  }));

  it('reads a root array and an object wrapping one (Graph, Reports API) alike, across chunk boundaries', async () => {
    const array = write('array.json', JSON.stringify(records, null, 2));
    const wrapped = write(
      'wrapped.json',
      JSON.stringify({ kind: 'x', meta: { tags: ['a'] }, value: records, next: 'n' }),
    );
    expect(await detectLayout(array)).toBe('json');
    expect(await detectLayout(wrapped)).toBe('json');
    expect(await valuesOf(array)).toEqual(records);
    expect(await valuesOf(wrapped)).toEqual(records);
  });

  it('reads JSON lines, skipping blank lines and passing an unreadable line on in its place', async () => {
    const file = write(
      'events.data',
      `${JSON.stringify(records[0])}\n\n{"broken": \n${JSON.stringify(records[1])}\r\n`,
    );
    expect(await detectLayout(file)).toBe('json-lines');
    const values = await valuesOf(file);
    expect(values).toHaveLength(3);
    expect(values[0]).toEqual(records[0]);
    expect(values[1]).toBeInstanceOf(UnreadableEvent);
    expect(values[2]).toEqual(records[1]);
  });

  it('passes an element of an array that is not JSON on as unreadable, and reads an empty array as nothing', async () => {
    expect(await valuesOf(write('bad.json', '[{"a": 1}, {"b": tru}, {"c": 3}]'))).toEqual([
      { a: 1 },
      expect.any(UnreadableEvent),
      { c: 3 },
    ]);
    expect(await valuesOf(write('empty.json', ' [ ] '))).toEqual([]);
  });
});

describe('mapping export records to events', () => {
  it('writes a User-Agent from Entra’s browser and operating system, so the device is known', () => {
    const mapped = mapRecord('entra', {
      id: 'abc',
      createdDateTime: '2026-11-26T09:40:02Z',
      userPrincipalName: 'jonas.berg@northwind.example',
      ipAddress: '2.125.160.216',
      status: { errorCode: 50126 },
      deviceDetail: { operatingSystem: 'Ios 17.4', browser: 'Mobile Safari 17.4' },
    });
    expect(mapped).toEqual({
      event: expect.objectContaining({
        idempotencyKey: 'entra:abc',
        outcome: 'failure',
        failureReason: 'invalid_password',
        userAgent: expect.stringContaining('iPhone'),
      }),
    });
  });

  it('detects each format from its first record', () => {
    expect(detectFormat({ createdDateTime: 'x', userPrincipalName: 'y' })).toBe('entra');
    expect(detectFormat({ 'Date (UTC)': 'x' })).toBe('entra');
    expect(detectFormat({ kind: 'admin#reports#activity', id: { uniqueQualifier: '1' } })).toBe('google');
    expect(detectFormat({ idempotencyKey: 'k' })).toBe('seatkeeper');
  });
});
