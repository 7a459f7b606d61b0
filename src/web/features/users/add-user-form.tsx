import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Role } from '../../../contract/auth';
import type { Invitation, User } from '../../../contract/users';
import { ProblemAlert } from '../../lib/problem-alert';
import { isApiError, problemFieldErrors, problemMessage } from '../../lib/problem-message';
import { useApplyUserChange } from './use-apply-user-change';
import { createUser } from './users.api';

interface AddUserFormProps {
  onCreated: (result: { user: User; invitation: Invitation }) => void;
  onCancel: () => void;
}

type Field = 'email' | 'name';

export function AddUserForm({ onCreated, onCancel }: AddUserFormProps) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const applyUserChange = useApplyUserChange();

  const mutation = useMutation({
    mutationFn: () => createUser({ email: email.trim(), name: name.trim(), role }),
    onSuccess: (result) => {
      applyUserChange(result.user);
      onCreated(result);
    },
    onError: (error) => {
      if (isApiError(error, 409, 'email-taken')) setErrors({ email: problemMessage(error) });
      else setErrors(problemFieldErrors(error));
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

  const fieldErrorShown = Boolean(errors.email || errors.name);
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
