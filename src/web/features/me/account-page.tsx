import { Badge, DataList, Paper, SimpleGrid, Stack, Title } from '@mantine/core';
import { formatDateTimeWithZone } from '../../lib/format-date';
import { usePageTitle } from '../../lib/page-title';
import { useSession } from '../auth/session-context';
import { MyLicenses } from '../licenses/my-licenses';
import { TwoStepSection } from '../mfa/two-step-section';
import { OwnSessionsSection } from '../user-sessions/own-sessions-section';
import { ChangePasswordForm } from './change-password-form';

export function AccountPage() {
  usePageTitle('Account');
  const { user, organization } = useSession();
  return (
    <Stack gap="lg" maw={960}>
      <Title order={1}>Account</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder p="lg" component="section" aria-labelledby="profile-heading">
          <Title order={2} size="h4" mb="md" id="profile-heading">
            Profile
          </Title>
          <DataList labelWidth={130}>
            <DataList.Item>
              <DataList.ItemLabel>Name</DataList.ItemLabel>
              <DataList.ItemValue>{user.name}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>Email</DataList.ItemLabel>
              <DataList.ItemValue>{user.email}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>Role</DataList.ItemLabel>
              <DataList.ItemValue>
                <Badge variant="light" color={user.role === 'owner' ? 'grape' : 'gray'}>
                  {user.role}
                </Badge>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>Organization</DataList.ItemLabel>
              <DataList.ItemValue>{organization.name}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>Member since</DataList.ItemLabel>
              <DataList.ItemValue>{formatDateTimeWithZone(user.createdAt)}</DataList.ItemValue>
            </DataList.Item>
          </DataList>
        </Paper>
        <Paper withBorder p="lg" component="section" aria-labelledby="licenses-heading">
          <Title order={2} size="h4" mb="md" id="licenses-heading">
            Your licenses
          </Title>
          <MyLicenses />
        </Paper>
        <Paper withBorder p="lg" component="section" aria-labelledby="password-heading">
          <Title order={2} size="h4" mb="md" id="password-heading">
            Change password
          </Title>
          <ChangePasswordForm />
        </Paper>
      </SimpleGrid>
      <TwoStepSection />
      <OwnSessionsSection />
    </Stack>
  );
}
