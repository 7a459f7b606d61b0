import { Alert, type AlertProps } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError } from './api';
import { problemMessage } from './problem-message';

interface ProblemAlertProps extends Omit<AlertProps, 'title' | 'children'> {
  error: unknown;
}

/** A failed call in a form: the problem's title as heading, its detail (or how long to wait) as the text. */
export function ProblemAlert({ error, ...alertProps }: ProblemAlertProps) {
  const message = problemMessage(error);
  const title = error instanceof ApiError && error.problem.title !== message ? error.problem.title : undefined;
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" title={title} {...alertProps}>
      {message}
    </Alert>
  );
}
