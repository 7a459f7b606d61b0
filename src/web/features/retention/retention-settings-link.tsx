import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight, IconHistory } from '@tabler/icons-react';
import { Link } from 'react-router';

/** The Settings page's card that leads to Settings → Retention and privacy. */
export function RetentionSettingsLink() {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="retention-settings-link-title">
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <IconHistory size={24} aria-hidden />
        <Stack gap={4}>
          <Title order={2} size="h4" id="retention-settings-link-title">
            Retention and privacy
          </Title>
          <Text size="sm" c="dimmed">
            How long sign-in records, app sessions and the audit log are kept, and IP address anonymisation.
          </Text>
          <Anchor component={Link} to="/settings/privacy" size="sm">
            <Group gap={4} component="span">
              Retention and privacy settings
              <IconArrowRight size={14} aria-hidden />
            </Group>
          </Anchor>
        </Stack>
      </Group>
    </Paper>
  );
}
