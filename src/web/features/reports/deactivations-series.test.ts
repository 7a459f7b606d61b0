import { describe, expect, it } from 'vitest';
import { monthsBetween, pivotDeactivations } from './deactivations-series';

describe('monthsBetween', () => {
  it('lists every month touched by the range, across a new year', () => {
    expect(monthsBetween('2024-11-15', '2025-02-01')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthsBetween('2025-03-01', '2025-03-31')).toEqual(['2025-03']);
  });
});

describe('pivotDeactivations', () => {
  it('gives each month a count per reason, empty months included, reasons in the form’s order', () => {
    const result = pivotDeactivations(
      [
        { month: '2025-01', reason: 'other', count: 1 },
        { month: '2025-01', reason: 'left_organization', count: 3 },
        { month: '2025-03', reason: 'left_organization', count: 2 },
      ],
      '2025-01-10',
      '2025-03-09',
    );
    expect(result.months).toEqual([
      { month: '2025-01', other: 1, left_organization: 3 },
      { month: '2025-02' },
      { month: '2025-03', left_organization: 2 },
    ]);
    expect(result.reasons).toEqual(['left_organization', 'other']);
  });
});
