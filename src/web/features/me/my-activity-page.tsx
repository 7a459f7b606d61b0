import { Stack, Text, Title } from '@mantine/core';
import { usePageTitle } from '../../lib/page-title';
import { ActivityView } from '../activity/activity-view';

export function MyActivityPage() {
  usePageTitle('My activity');
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>My activity</Title>
        <Text c="dimmed" size="sm">
          Every attempt to sign in to your account, and when you used your organization’s apps. If you see one that was
          not you, change your password and tell an owner of your organization.
        </Text>
      </div>
      <ActivityView path="/me/activity" />
    </Stack>
  );
}
