import type { Subscription } from '../../contract/subscriptions';

/** An amount in the currency's minor unit (cents), as the API carries prices. */
export type Money = NonNullable<Subscription['seatPrice']>;

/** "€12.50", "$1,200.00" in the viewer's locale; an unknown currency code is written after the number. */
export function formatMoney(money: Money, locale?: string): string {
  const amount = money.amountCents / 100;
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${money.currency}`;
  }
}
