import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconApi, IconArrowRight } from '@tabler/icons-react';
import { Link } from 'react-router';

/** The Settings page's card that leads to Settings → API tokens. */
export function ApiTokensSettingsLink() {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="api-tokens-settings-link-title">
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <IconApi size={24} aria-hidden />
        <Stack gap={4}>
          <Title order={2} size="h4" id="api-tokens-settings-link-title">
            API tokens
          </Title>
          <Text size="sm" c="dimmed">
            Tokens for scripts and other systems to call the API, read-only or with your full rights, with an optional
            expiry.
          </Text>
          <Anchor component={Link} to="/settings/api-tokens" size="sm">
            <Group gap={4} component="span">
              API tokens
              <IconArrowRight size={14} aria-hidden />
            </Group>
          </Anchor>
        </Stack>
      </Group>
    </Paper>
  );
}
