import { CsvError, parse } from 'csv-parse/sync';
import { IMPORT_COLUMNS, IMPORT_MAX_ROWS } from '../../../contract/bulk-users.ts';
import { AppError } from '../../lib/app-error.ts';

/** A data row of an import file as written (cells trimmed; a column the file lacks is ''). */
export interface ImportCells {
  /** The line the row ends on (the header is line 1). */
  line: number;
  email: string;
  name: string;
  role: string;
  product: string;
}

type Column = (typeof IMPORT_COLUMNS)[number];

const invalidCsv = (detail: string) => new AppError(400, 'invalid-csv', 'The file cannot be read as CSV', detail);

/**
 * Reads an import file: UTF-8 text (a byte order mark is dropped), comma-separated, quoted as RFC 4180 says,
 * blank lines skipped, a header naming the columns in any order and any letter case. Refuses the whole file
 * (400 invalid-csv) when it cannot be read, lacks the email or name column, names a column it does not know
 * or twice, holds no user, or more than IMPORT_MAX_ROWS.
 */
export function parseUserCsv(text: string): ImportCells[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it was read (its typings do not follow the option).
    records = parse(text, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      // A row's cell count is checked below, with the row's line; a runaway field is not a file.
      max_record_size: 10_000,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) throw invalidCsv(describeCsvError(error));
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw invalidCsv('The file is empty. The first line names the columns: email,name,role,product.');
  const columns = readHeader(header.record);
  if (rows.length === 0) throw invalidCsv('The file names its columns but holds no user: add one user per line.');
  if (rows.length > IMPORT_MAX_ROWS) {
    throw invalidCsv(`The file holds ${rows.length} users; one import takes at most ${IMPORT_MAX_ROWS}. Split it.`);
  }
  return rows.map(({ record, info }) => {
    const cell = (column: Column) => {
      const index = columns.indexOf(column);
      return index < 0 ? '' : (record[index] ?? '');
    };
    return { line: info.lines, email: cell('email'), name: cell('name'), role: cell('role'), product: cell('product') };
  });
}

function readHeader(cells: string[]): Column[] {
  const names = cells.map((cell) => cell.trim().toLowerCase());
  if (names.length === 1 && /[;\t]/.test(names[0] ?? '')) {
    throw invalidCsv('Line 1: separate the columns with commas (the file seems to use semicolons or tabs).');
  }
  const unknown = names.filter((name) => !(IMPORT_COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw invalidCsv(
      `Line 1 must name the columns: ${unknown.map((name) => `“${name}”`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} ` +
        `not one of ${IMPORT_COLUMNS.join(', ')}. The first line is the header; email and name are required.`,
    );
  }
  const twice = names.filter((name, index) => names.indexOf(name) !== index);
  if (twice.length > 0) throw invalidCsv(`Line 1 names the column “${twice[0]}” twice.`);
  for (const required of ['email', 'name'] as const) {
    if (!names.includes(required)) {
      throw invalidCsv(`Line 1 must name the columns, with at least email and name: “${required}” is missing.`);
    }
  }
  return names as Column[];
}

function describeCsvError(error: CsvError): string {
  const line = (error as CsvError & { lines?: number }).lines;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return `A quoted cell opened on line ${line ?? '?'} is never closed. Inside a quoted cell, write a quote twice ("").`;
  }
  return `Line ${line ?? '?'}: ${error.message}`;
}
