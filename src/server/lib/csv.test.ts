import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { neutralizeFormula, toCsvStream } from './csv.ts';

async function* rowsOf<T>(items: T[]) {
  yield* items;
}

describe('CSV export', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+31 20 555', "'+31 20 555"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['London', 'London'],
    ['', ''],
  ])('neutralises %j as %j', (input, expected) => {
    expect(neutralizeFormula(input)).toBe(expected);
  });

  it('writes RFC 4180 with a BOM, CRLF, quoting, and numbers left as numbers', async () => {
    const csv = await text(
      toCsvStream(
        rowsOf([{ city: 'São Paulo, BR', note: 'say "hi"', latitude: -23.55, formula: '=1+1', none: null }]),
        [
          { header: 'city', value: (row) => row.city },
          { header: 'note', value: (row) => row.note },
          { header: 'latitude', value: (row) => row.latitude },
          { header: 'formula', value: (row) => row.formula },
          { header: 'none', value: (row) => row.none },
        ],
      ),
    );
    expect(csv).toBe('\uFEFFcity,note,latitude,formula,none\r\n"São Paulo, BR","say ""hi""",-23.55,\'=1+1,\r\n');
  });
});
