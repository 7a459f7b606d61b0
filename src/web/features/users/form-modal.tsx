import { Button, Group, type MantineColor, Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

interface FormModalProps {
  title: string;
  opened?: boolean;
  onClose: () => void;
  /** Called on submit, the browser's own submission prevented; the caller checks the fields. */
  onSubmit: () => void;
  submitLabel: ReactNode;
  submitColor?: MantineColor;
  submitting: boolean;
  submitDisabled?: boolean;
  children: ReactNode;
}

/** A change to one or more users asked for in a dialog: its fields, then Cancel and the button that makes it. */
export function FormModal({
  title,
  opened = true,
  onClose,
  onSubmit,
  submitLabel,
  submitColor,
  submitting,
  submitDisabled,
  children,
}: FormModalProps) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={submitColor} loading={submitting} disabled={submitDisabled}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
