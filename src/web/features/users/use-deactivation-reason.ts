import { useState } from 'react';
import type { DeactivationReason } from '../../../contract/users';

export interface DeactivationReasonErrors {
  reason?: string;
  note?: string;
}

/** The reason and note asked for by both deactivation forms (one user, or many at once), with their checks. */
export function useDeactivationReason() {
  const [reason, setReason] = useState<DeactivationReason | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<DeactivationReasonErrors>({});

  /** Shows what is missing; true when the form may be sent. */
  const validate = (): boolean => {
    const problems = {
      reason: reason ? undefined : 'Choose a reason',
      note: reason === 'other' && !note.trim() ? 'Say why — a note is required for “Other”' : undefined,
    };
    setErrors(problems);
    return !problems.reason && !problems.note;
  };

  const reset = () => {
    setReason(null);
    setNote('');
    setErrors({});
  };

  /** The request's part; only called after `validate()` passed, so a reason is chosen. */
  const toRequest = () => ({ reason: reason as DeactivationReason, note: note.trim() || undefined });

  return { reason, note, errors, setReason, setNote, validate, reset, toRequest };
}

export type DeactivationReasonState = ReturnType<typeof useDeactivationReason>;
