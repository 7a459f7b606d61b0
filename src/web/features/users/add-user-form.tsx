import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import type { Role } from '../../../contract/auth';
import type { CreateUserResponse } from '../../../contract/users';
import { ProblemAlert } from '../../lib/problem-alert';
import { isApiError, problemFieldErrors, problemMessage } from '../../lib/problem-message';
import { assignableSubscriptions, subscriptionOptionLabel } from '../licenses/assignable-subscriptions';
import { useInvalidateSeats } from '../subscriptions/use-invalidate-seats';
import { useSubscriptions } from '../subscriptions/use-subscriptions';
import { useApplyUserChange } from './use-apply-user-change';
import { createUser } from './users.api';

interface AddUserFormProps {
  onCreated: (result: CreateUserResponse) => void;
  onCancel: () => void;
  /** Told whether anything has been typed, so leaving can ask first. */
  onDirtyChange: (dirty: boolean) => void;
}

type Field = 'email' | 'name' | 'subscriptionId';

export function AddUserForm({ onCreated, onCancel, onDirtyChange }: AddUserFormProps) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [subscriptionId, setSubscriptionId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const applyUserChange = useApplyUserChange();
  const invalidateSeats = useInvalidateSeats();
  const subscriptions = useSubscriptions();
  const seatOptions = useMemo(
    () =>
      assignableSubscriptions(subscriptions.data ?? [], []).map((item) => ({
        value: item.id,
        label: subscriptionOptionLabel(item),
      })),
    [subscriptions.data],
  );
  const dirty = Boolean(email.trim() || name.trim() || subscriptionId || role !== 'member');
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const mutation = useMutation({
    mutationFn: () =>
      createUser({ email: email.trim(), name: name.trim(), role, subscriptionId: subscriptionId ?? undefined }),
    onSuccess: (result) => {
      applyUserChange(result.user);
      if (result.seat) invalidateSeats();
      onCreated(result);
    },
    onError: (error) => {
      if (isApiError(error, 409, 'email-taken')) setErrors({ email: problemMessage(error) });
      else if (isApiError(error, 409) || isApiError(error, 404)) {
        // The seat could not be given (taken meanwhile, subscription ended): nobody was added; fresh counts.
        setErrors({ subscriptionId: problemMessage(error) });
        invalidateSeats();
      } else setErrors(problemFieldErrors(error));
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: Partial<Record<Field, string>> = {};
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) problems.email = 'Enter an email address like name@example.com';
    if (!name.trim()) problems.name = 'Enter the person’s name';
    setErrors(problems);
    if (!problems.email && !problems.name) mutation.mutate();
  };

  const fieldErrorShown = Boolean(errors.email || errors.name || errors.subscriptionId);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {mutation.isError && !fieldErrorShown && <ProblemAlert error={mutation.error} />}
        <TextInput
          label="Email"
          type="email"
          required
          autoComplete="off"
          data-autofocus
          value={email}
          error={errors.email}
          onChange={(event) => setEmail(event.currentTarget.value)}
        />
        <TextInput
          label="Name"
          required
          autoComplete="off"
          value={name}
          error={errors.name}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <Select<Role>
          label="Role"
          description="Owners manage users and see everyone’s activity. Members see only their own."
          data={[
            { value: 'member', label: 'Member' },
            { value: 'owner', label: 'Owner' },
          ]}
          value={role}
          onChange={(value) => value && setRole(value)}
          allowDeselect={false}
        />
        <Select
          label="Seat"
          placeholder={subscriptions.isPending ? 'Loading…' : 'No seat'}
          description={
            subscriptions.isSuccess && seatOptions.length === 0
              ? 'No subscription has a free seat; you can give one later on the user’s Licenses tab.'
              : 'Optional: a seat of one subscription, given as the user is added.'
          }
          data={seatOptions}
          value={subscriptionId}
          onChange={(value) => {
            setSubscriptionId(value);
            setErrors((current) => ({ ...current, subscriptionId: undefined }));
          }}
          clearable
          clearButtonProps={{ 'aria-label': 'No seat' }}
          disabled={!subscriptions.isSuccess || seatOptions.length === 0}
          error={subscriptions.isError ? 'Could not load subscriptions' : errors.subscriptionId}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            Add user
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
