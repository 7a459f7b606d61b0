import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Last resort when rendering a page throws; keeps the visitor one click away from a working page. */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  return (
    <Container component="main" size="sm" py="xl">
      <Stack align="flex-start" gap="sm">
        <Title order={1}>Something went wrong</Title>
        <Text>This page failed to display. Reloading usually helps.</Text>
        <Text size="sm" c="dimmed" ff="monospace">
          {detail}
        </Text>
        <Button onClick={() => window.location.assign('/')}>Go to the start page</Button>
      </Stack>
    </Container>
  );
}
