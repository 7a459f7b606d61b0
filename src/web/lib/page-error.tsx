import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { problemMessage } from './problem-message';

interface PageErrorProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** A failed load, said in words, with a way to try again. */
export function PageError({ error, title = 'Could not load this page', onRetry }: PageErrorProps) {
  return (
    <Alert color="red" title={title} icon={<IconAlertTriangle aria-hidden />} role="alert" my="md">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{problemMessage(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
