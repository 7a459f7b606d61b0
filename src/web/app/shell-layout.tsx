import { AppShell } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { Outlet, useLocation } from 'react-router';
import { SecondFactorNotice } from '../features/auth/second-factor-notice';
import { ShellHeader } from './shell-header';
import { ShellNavbar } from './shell-navbar';
import { SkipLink } from './skip-link';

export function ShellLayout() {
  const [navOpened, nav] = useDisclosure(false);
  const { pathname } = useLocation();

  // On small screens the navbar covers the page; close it once a link was followed.
  useEffect(() => {
    if (pathname) nav.close();
  }, [pathname, nav.close]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <SkipLink target="main-content" />
      <ShellHeader navOpened={navOpened} onToggleNav={nav.toggle} />
      <ShellNavbar />
      <AppShell.Main id="main-content" tabIndex={-1} style={{ outline: 'none' }}>
        <SecondFactorNotice />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
