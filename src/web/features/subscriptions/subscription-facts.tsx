import { DataList, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Subscription } from '../../../contract/subscriptions';
import { formatDate, formatDateTimeWithZone } from '../../lib/format-date';
import { formatMoney } from '../../lib/format-money';
import { expiryDateLabel } from './subscription-status';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

/** A calendar date in the viewer's zone; the exact instant on hover. */
function DateOnly({ iso }: { iso: string }) {
  return (
    <Text span size="sm" component="time" dateTime={iso} title={formatDateTimeWithZone(iso)}>
      {formatDate(iso)}
    </Text>
  );
}

export function SubscriptionFacts({ subscription }: { subscription: Subscription }) {
  const price = subscription.seatPrice;
  return (
    <DataList labelWidth={120}>
      <Item label="Started">
        <DateOnly iso={subscription.startsAt} />
      </Item>
      <Item label={expiryDateLabel(subscription.status)}>
        <DateOnly iso={subscription.expiresAt} />
      </Item>
      <Item label="Auto-renew">{subscription.autoRenew ? 'Yes' : 'No'}</Item>
      {price && (
        <Item label="Price per seat">
          {formatMoney(price)}{' '}
          <Text span size="sm" c="dimmed">
            ({formatMoney({ ...price, amountCents: price.amountCents * subscription.seats })} for {subscription.seats}{' '}
            {subscription.seats === 1 ? 'seat' : 'seats'})
          </Text>
        </Item>
      )}
    </DataList>
  );
}
