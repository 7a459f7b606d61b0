import { Anchor, Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface AuthCardProps {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
}

/** The centred card the signed-out pages (sign-in, invitation) share. */
export function AuthCard({ title, subtitle, children }: AuthCardProps) {
  return (
    <Center component="main" mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Box w="100%" maw={420}>
        <Text ta="center" fw={700} size="lg" mb="md" c="blue.8">
          Seatkeeper
        </Text>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Stack gap="xs" mb="lg">
            <Title order={1} size="h2">
              {title}
            </Title>
            {subtitle && (
              <Text c="dimmed" size="sm">
                {subtitle}
              </Text>
            )}
          </Stack>
          {children}
        </Paper>
        <Text ta="center" size="xs" c="dimmed" mt="md">
          <Anchor href="/api/docs" size="xs">
            API documentation
          </Anchor>
        </Text>
      </Box>
    </Center>
  );
}
