import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePageTitle } from '../lib/page-title';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <Stack align="flex-start" gap="sm" py="xl">
      <Text c="dimmed" fw={700}>
        404
      </Text>
      <Title order={1}>Page not found</Title>
      <Text>The page you asked for does not exist, or you do not have access to it.</Text>
      <Button component={Link} to="/" variant="light">
        Go to the start page
      </Button>
    </Stack>
  );
}
