import { parseArgs } from 'node:util';
import { DATE_SPAN_TEXT } from '../../common/date-span.ts';
import { addProduct, addSubscription, changeSeats, renewSubscription } from '../features/operator/index.ts';
import { findOrganization } from '../features/organizations/index.ts';
import { findSubscriptionForOperator } from '../features/subscriptions/index.ts';
import { endOfLocalDay, isCalendarDate, startOfLocalDay } from '../lib/local-date.ts';
import { toIso } from '../lib/time.ts';
import { report, withDatabase } from './with-database.ts';

function required(values: Record<string, unknown>, names: string[], command: string): void {
  const missing = names.filter((name) => values[name] === undefined || values[name] === '');
  if (missing.length) throw new Error(`${command} needs ${missing.map((name) => `--${name}`).join(', ')}`);
}

/** The largest value of the 32-bit integer columns (PostgreSQL `integer`) that seats and prices go into. */
const MAX_INT32 = 2_147_483_647;

function wholeNumber(value: string | undefined, flag: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value ?? '') || number > MAX_INT32) {
    throw new Error(`${flag} must be a whole number from 0 to ${MAX_INT32.toLocaleString('en')}`);
  }
  return number;
}

function calendarDate(value: string | undefined, flag: string): string {
  if (!value || !isCalendarDate(value)) {
    throw new Error(`${flag} must be a real date as YYYY-MM-DD, from ${DATE_SPAN_TEXT}`);
  }
  return value;
}

export async function runAddProduct(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { key: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  required(values, ['key', 'name'], 'add-product');
  const product = await withDatabase((db) => addProduct(db, { key: values.key!, name: values.name! }));
  report(
    values.json,
    { key: product.key, name: product.name },
    `Added product "${product.name}" (key ${product.key}).`,
  );
}

export async function runAddSubscription(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: 'string' },
      product: { type: 'string' },
      seats: { type: 'string' },
      expires: { type: 'string' },
      starts: { type: 'string' },
      'seat-price': { type: 'string' },
      currency: { type: 'string' },
      kind: { type: 'string', default: 'named' },
      json: { type: 'boolean', default: false },
    },
  });
  required(values, ['org', 'product', 'seats', 'expires'], 'add-subscription');
  const kind = values.kind;
  if (kind !== 'named' && kind !== 'floating') throw new Error('--kind must be named or floating');
  const seats = wholeNumber(values.seats, '--seats');
  const expires = calendarDate(values.expires, '--expires');
  const starts = values.starts === undefined ? undefined : calendarDate(values.starts, '--starts');
  const price = values['seat-price'];
  if (price !== undefined && (!/^\d+(\.\d{1,2})?$/.test(price) || Math.round(Number(price) * 100) > MAX_INT32)) {
    throw new Error(`--seat-price must look like 12.50, at most ${(MAX_INT32 / 100).toLocaleString('en')}`);
  }
  const subscription = await withDatabase(async (db) => {
    // Dates are days in the organization's time zone; --expires is the last day of access.
    const timeZone = (await findOrganization(db, values.org!))?.timeZone ?? 'UTC';
    return addSubscription(db, {
      orgId: values.org!,
      productKey: values.product!,
      seats,
      startsAt: starts ? startOfLocalDay(starts, timeZone) : Date.now(),
      expiresAt: endOfLocalDay(expires, timeZone),
      seatPriceCents: price === undefined ? null : Math.round(Number(price) * 100),
      currency: values.currency?.toUpperCase() ?? null,
      kind,
    });
  });
  report(
    values.json,
    {
      subscriptionId: subscription.id,
      orgId: subscription.org_id,
      kind,
      seats,
      expiresAt: toIso(subscription.expires_at),
    },
    `Added subscription ${subscription.id}: ${kind === 'floating' ? `a floating pool of ${seats} concurrent seats` : `${seats} named seats`} of ${values.product}, access through ${expires}.`,
  );
}

export async function runRenewSubscription(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { id: { type: 'string' }, expires: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  required(values, ['id', 'expires'], 'renew-subscription');
  const expires = calendarDate(values.expires, '--expires');
  const renewed = await withDatabase(async (db) => {
    const existing = await findSubscriptionForOperator(db, values.id!);
    const timeZone = existing ? ((await findOrganization(db, existing.org_id))?.timeZone ?? 'UTC') : 'UTC';
    return renewSubscription(db, { id: values.id!, expiresAt: endOfLocalDay(expires, timeZone) });
  });
  report(
    values.json,
    { subscriptionId: renewed.id, expiresAt: toIso(renewed.expires_at) },
    `Subscription ${renewed.id} now runs through ${expires}.`,
  );
}

export async function runSetSeats(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      id: { type: 'string' },
      seats: { type: 'string' },
      release: { type: 'string', multiple: true, default: [] },
      json: { type: 'boolean', default: false },
    },
  });
  required(values, ['id', 'seats'], 'set-seats');
  const seats = wholeNumber(values.seats, '--seats');
  const release = values.release
    .flatMap((entry) => entry.split(','))
    .map((email) => email.trim())
    .filter(Boolean);
  const changed = await withDatabase((db) => changeSeats(db, { id: values.id!, seats, release }));
  report(
    values.json,
    {
      subscriptionId: changed.id,
      kind: changed.kind,
      seats: changed.seats,
      assigned: changed.assigned,
      inUse: changed.leased,
    },
    changed.kind === 'floating'
      ? `Floating pool ${changed.id} now has ${changed.seats} seats (${changed.leased} in use).`
      : `Subscription ${changed.id} now has ${changed.seats} seats (${changed.assigned} assigned).`,
  );
}
