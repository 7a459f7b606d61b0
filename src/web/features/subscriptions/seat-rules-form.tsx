import { Button, Group, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { SeatRulesPatch, Subscription } from '../../../contract/subscriptions';
import { ProblemAlert } from '../../lib/problem-alert';
import { UnsavedChangesDialog } from '../../lib/unsaved-changes-dialog';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { changeSeatRules } from './subscriptions.api';
import { subscriptionsKeys } from './subscriptions-query-keys';

type RuleField = 'leaseWindowMinutes' | 'deviceLimit' | 'maxBorrowDays' | 'minPoolSeats';
type Draft = Record<RuleField, number | string>;

interface RuleInput {
  field: RuleField;
  label: string;
  description: string;
  min: number;
  max: number;
  suffix?: string;
}

/** The rules the form edits (dormant-seat reclaim has its own panel); the bounds are the contract's. */
function inputsFor(subscription: Subscription): RuleInput[] {
  const floating = subscription.kind === 'floating';
  return [
    ...(floating
      ? [
          {
            field: 'leaseWindowMinutes' as const,
            label: 'Lease window',
            description: 'A seat whose app sends no heartbeat for this long is released (1 to 1440 minutes)',
            min: 1,
            max: 1440,
            suffix: ' min',
          },
        ]
      : [
          {
            field: 'deviceLimit' as const,
            label: 'Devices per person',
            description: 'Machines one holder may run the app on at once (1 to 50)',
            min: 1,
            max: 50,
          },
        ]),
    {
      field: 'maxBorrowDays',
      label: 'Longest offline borrowing',
      description: 'Days a seat may be checked out for offline use; 0 turns borrowing off (0 to 365)',
      min: 0,
      max: 365,
      suffix: ' days',
    },
    ...(floating
      ? [
          {
            field: 'minPoolSeats' as const,
            label: 'Seats never lent out',
            description: `Seats that stay in the pool for people online (0 to ${Math.max(0, subscription.seats - 1)})`,
            min: 0,
            max: Math.max(0, subscription.seats - 1),
          },
        ]
      : []),
  ];
}

function toDraft(subscription: Subscription): Draft {
  const { leaseWindowMinutes, deviceLimit, maxBorrowDays, minPoolSeats } = subscription.seatRules;
  return { leaseWindowMinutes, deviceLimit, maxBorrowDays, minPoolSeats };
}

/** The owner's seat rules of one subscription, saved together; leaving with unsaved edits asks first. */
export function SeatRulesForm({ subscription }: { subscription: Subscription }) {
  const queryClient = useQueryClient();
  const inputs = inputsFor(subscription);
  const [draft, setDraft] = useState<Draft>(() => toDraft(subscription));
  const saved = toDraft(subscription);
  const patch: SeatRulesPatch = {};
  const errors: Partial<Record<RuleField, string>> = {};
  for (const input of inputs) {
    const value = draft[input.field];
    if (value === '' || typeof value !== 'number' || !Number.isInteger(value)) {
      errors[input.field] = 'Enter a whole number';
    } else if (value < input.min || value > input.max) {
      errors[input.field] = `From ${input.min} to ${input.max}`;
    } else if (value !== saved[input.field]) {
      patch[input.field] = value;
    }
  }
  const changed = inputs.some((input) => draft[input.field] !== saved[input.field]);
  const unsaved = useUnsavedChanges(changed);
  const [showErrors, setShowErrors] = useState(false);

  const mutation = useMutation({
    mutationFn: (rules: SeatRulesPatch) => changeSeatRules(subscription.id, rules),
    onSuccess: (updated) => {
      queryClient.setQueryData(subscriptionsKeys.detail(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: subscriptionsKeys.list() });
      setDraft(toDraft(updated));
      setShowErrors(false);
      notifications.show({ color: 'teal', message: `Seat rules of ${subscription.product.name} saved.` });
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!changed || mutation.isPending) return;
    if (Object.keys(errors).length > 0) {
      setShowErrors(true);
      return;
    }
    mutation.mutate(patch);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={`Seat rules of ${subscription.product.name}`}>
      <Stack gap="md">
        {mutation.isError && <ProblemAlert error={mutation.error} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          {inputs.map((input) => (
            <NumberInput
              key={input.field}
              label={input.label}
              description={input.description}
              value={draft[input.field]}
              onChange={(value) => {
                setDraft((current) => ({ ...current, [input.field]: value }));
                mutation.reset();
              }}
              min={input.min}
              max={input.max}
              clampBehavior="none"
              allowDecimal={false}
              allowNegative={false}
              suffix={input.suffix}
              error={showErrors ? errors[input.field] : undefined}
            />
          ))}
        </SimpleGrid>
        <Group gap="sm">
          <Button type="submit" disabled={!changed} loading={mutation.isPending}>
            Save seat rules
          </Button>
          {changed && !mutation.isPending && (
            <Button
              variant="default"
              onClick={() => {
                setDraft(toDraft(subscription));
                setShowErrors(false);
                mutation.reset();
              }}
            >
              Discard changes
            </Button>
          )}
          <Text size="sm" c="dimmed" role="status">
            {mutation.isPending ? 'Saving…' : ''}
          </Text>
        </Group>
      </Stack>
      <UnsavedChangesDialog unsaved={unsaved} />
    </form>
  );
}
