import { Button } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { formatDateTime } from '../../lib/format-date';

interface SignInDetailsButtonProps {
  signInId: string;
  /** ISO instant of the attempt, to tell the card's button apart from the others for screen readers. */
  occurredAt: string;
  onOpen: (id: string) => void;
}

/** A card's way into a sign-in's detail drawer; `data-sign-in-id` lets the drawer give focus back here on close. */
export function SignInDetailsButton({ signInId, occurredAt, onOpen }: SignInDetailsButtonProps) {
  return (
    <Button
      variant="light"
      size="xs"
      rightSection={<IconChevronRight size={14} aria-hidden />}
      onClick={() => onOpen(signInId)}
      data-sign-in-id={signInId}
      aria-label={`Details of the sign-in at ${formatDateTime(occurredAt)}`}
      style={{ alignSelf: 'flex-end' }}
    >
      Details
    </Button>
  );
}
