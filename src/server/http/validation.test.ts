import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { createValidatorCompiler } from './validation.ts';

const compile = (schema: object, httpPart = 'querystring') =>
  createValidatorCompiler()({ schema, httpPart, url: '/test', method: 'GET' } as never) as (value: unknown) => boolean;

describe('request validation', () => {
  it('refuses to start with an integer or number input that has no bounds', () => {
    expect(() => compile(Type.Object({ n: Type.Integer() }))).toThrow(/minimum and a maximum/);
    expect(() => compile(Type.Object({ n: Type.Optional(Type.Number({ minimum: 0 })) }), 'body')).toThrow();
    expect(() => compile(Type.Object({ n: Type.Integer({ minimum: 0, maximum: 2 ** 64 }) }))).toThrow(/safe/);
    expect(() => compile(Type.Object({ n: Type.Integer({ minimum: 1, maximum: 200 }) }))).not.toThrow();
  });

  it('takes only real dates and instants from 1970 to 2100', () => {
    const date = compile(Type.Object({ d: Type.String({ format: 'date' }) }));
    for (const d of ['1970-01-01', '2024-02-29', '2100-12-31']) expect(date({ d }), d).toBe(true);
    for (const d of ['1969-12-31', '2101-01-01', '2023-02-29', '9999-12-31', '0000-01-01'])
      expect(date({ d }), d).toBe(false);
    const instant = compile(Type.Object({ t: Type.String({ format: 'date-time' }) }));
    for (const t of ['2024-05-01T00:00:00Z', '2024-05-01T02:00:00.5+02:00', '1970-01-01T00:00:00Z']) {
      expect(instant({ t }), t).toBe(true);
    }
    for (const t of ['2016-12-31T23:59:60Z', '2021-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '2024-05-01T00:00:00']) {
      expect(instant({ t }), t).toBe(false);
    }
  });
});
