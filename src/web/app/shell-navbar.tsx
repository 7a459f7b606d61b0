import { AppShell, Badge, NavLink, Stack, Text, VisuallyHidden } from '@mantine/core';
import {
  IconActivity,
  IconHistory,
  IconKey,
  IconLayoutDashboard,
  IconLogin2,
  IconReceipt,
  IconReportAnalytics,
  IconSettings,
  IconShieldLock,
  IconUsers,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useSession } from '../features/auth/session-context';
import { SignOutButton } from '../features/auth/sign-out-button';
import { useOpenAlertCount } from '../features/security/use-alerts';

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  ownerOnly?: boolean;
}

const items: NavItem[] = [
  { to: '/overview', label: 'Overview', icon: <IconLayoutDashboard size={18} aria-hidden />, ownerOnly: true },
  { to: '/users', label: 'Users', icon: <IconUsers size={18} aria-hidden />, ownerOnly: true },
  { to: '/sign-ins', label: 'Sign-ins', icon: <IconLogin2 size={18} aria-hidden />, ownerOnly: true },
  { to: '/security', label: 'Security', icon: <IconShieldLock size={18} aria-hidden />, ownerOnly: true },
  { to: '/reports', label: 'Reports', icon: <IconReportAnalytics size={18} aria-hidden />, ownerOnly: true },
  { to: '/billing', label: 'Billing', icon: <IconReceipt size={18} aria-hidden />, ownerOnly: true },
  { to: '/audit-log', label: 'Audit log', icon: <IconHistory size={18} aria-hidden />, ownerOnly: true },
  { to: '/settings', label: 'Settings', icon: <IconSettings size={18} aria-hidden />, ownerOnly: true },
  { to: '/me', label: 'My activity', icon: <IconActivity size={18} aria-hidden /> },
  { to: '/account', label: 'Account', icon: <IconKey size={18} aria-hidden /> },
];

export function ShellNavbar() {
  const { user } = useSession();
  const { pathname } = useLocation();
  const visible = items.filter((item) => !item.ownerOnly || user.role === 'owner');
  const openAlerts = useOpenAlertCount(user.role === 'owner').data ?? 0;

  return (
    <AppShell.Navbar p="sm" aria-label="Main">
      <AppShell.Section grow>
        <Stack gap={4}>
          {visible.map((item) => {
            const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
            // The Security link says how many alerts wait, in its name too ("Security, 3 open alerts"): the count
            // is in the link's text for screen readers, the badge only draws it.
            const alerts = item.to === '/security' && openAlerts > 0 ? openAlerts : 0;
            return (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={
                  alerts > 0 ? (
                    <>
                      {item.label}
                      <VisuallyHidden>{`, ${alerts} open alert${alerts === 1 ? '' : 's'}`}</VisuallyHidden>
                    </>
                  ) : (
                    item.label
                  )
                }
                leftSection={item.icon}
                rightSection={
                  alerts > 0 ? (
                    <Badge size="sm" color="red" circle={alerts < 10} aria-hidden>
                      {alerts}
                    </Badge>
                  ) : undefined
                }
                active={active}
                aria-current={active ? 'page' : undefined}
              />
            );
          })}
        </Stack>
      </AppShell.Section>
      <AppShell.Section>
        <Text size="xs" c="dimmed" px="sm" mb={4} truncate="end" hiddenFrom="xs">
          Signed in as {user.name}
        </Text>
        <SignOutButton />
      </AppShell.Section>
    </AppShell.Navbar>
  );
}
