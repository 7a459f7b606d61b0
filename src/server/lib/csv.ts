import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab/CR before them) as a
 * formula. Text cells that start so get a leading apostrophe (OWASP's advice); numbers
 * stay numbers, so -33.86 remains a latitude.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * RFC 4180 CSV (CRLF, quoted as needed), UTF-8 with a byte-order mark so Excel reads
 * accents right, streamed row by row from an async source.
 */
export function toCsvStream<T>(rows: AsyncIterable<T>, columns: CsvColumn<T>[]): Readable {
  const cells = async function* () {
    yield columns.map((column) => column.header);
    for await (const row of rows) {
      yield columns.map((column) => {
        const value = column.value(row);
        if (value === null || value === undefined) return '';
        return typeof value === 'string' ? neutralizeFormula(value) : String(value);
      });
    }
  };
  const output = stringify({ record_delimiter: 'windows' });
  const source = Readable.from(cells());
  // A failing source (database gone mid-export) must end the response, not hang it.
  source.on('error', (error) => output.destroy(error));
  source.pipe(output);
  // csv-stringify's own `bom` option is not written for array records; prepend it ourselves.
  return Readable.from(
    (async function* () {
      yield '\uFEFF';
      yield* output;
    })(),
  );
}
