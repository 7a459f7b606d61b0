import { Radio, Stack, Textarea } from '@mantine/core';
import type { ReactNode } from 'react';
import type { DeactivationReason } from '../../../contract/users';
import { deactivationReasons } from './deactivation-reasons';
import type { DeactivationReasonState } from './use-deactivation-reason';

const NOTE_MAX_LENGTH = 2000;

interface DeactivationReasonFieldsProps {
  state: DeactivationReasonState;
  reasonLabel: string;
  /** Where the optional note is kept, said under the field ("Kept with … for other owners."). */
  noteKeptWith: string;
  /** Shown between the reason and the note: the question about the user's seats. */
  children?: ReactNode;
}

/** The reason (required) and note (required for “Other”) of a deactivation, for one user or many. */
export function DeactivationReasonFields({
  state,
  reasonLabel,
  noteKeptWith,
  children,
}: DeactivationReasonFieldsProps) {
  const { reason, note, errors } = state;
  return (
    <>
      <Radio.Group
        label={reasonLabel}
        required
        value={reason}
        onChange={(value) => state.setReason(value as DeactivationReason)}
        error={errors.reason}
      >
        <Stack gap="xs" mt="xs">
          {deactivationReasons.map((item) => (
            <Radio key={item.value} value={item.value} label={item.label} />
          ))}
        </Stack>
      </Radio.Group>
      {children}
      <Textarea
        label="Note"
        description={
          reason === 'other' ? 'Required for “Other”.' : `Optional. Kept with ${noteKeptWith} for other owners.`
        }
        required={reason === 'other'}
        value={note}
        error={errors.note}
        maxLength={NOTE_MAX_LENGTH}
        autosize
        minRows={2}
        maxRows={6}
        onChange={(event) => state.setNote(event.currentTarget.value)}
      />
    </>
  );
}
