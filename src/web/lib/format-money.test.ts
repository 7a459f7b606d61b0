import { describe, expect, it } from 'vitest';
import { formatMoney } from './format-money';

describe('formatMoney', () => {
  it('turns cents into the currency’s amount', () => {
    expect(formatMoney({ amountCents: 1250, currency: 'EUR' }, 'en-US')).toBe('€12.50');
    expect(formatMoney({ amountCents: 120_000, currency: 'USD' }, 'en-US')).toBe('$1,200.00');
  });

  it('still says something for a currency code Intl does not accept', () => {
    expect(formatMoney({ amountCents: 500, currency: 'not-a-code' }, 'en-US')).toBe('5.00 not-a-code');
  });
});
