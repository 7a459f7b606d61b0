import { createBrowserRouter } from 'react-router';
import { InvitePage } from '../features/auth/invite-page';
import { LoginPage } from '../features/auth/login-page';
import { RequireOwner } from '../features/auth/require-owner';
import { RequireSession } from '../features/auth/require-session';
import { NotMePage } from '../features/not-me/not-me-page';
import { ForgotPasswordPage } from '../features/password-reset/forgot-password-page';
import { ResetPasswordPage } from '../features/password-reset/reset-password-page';
import { PageLoader } from '../lib/page-loader';
import { HomeRedirect } from './home-redirect';
import { NotFoundPage } from './not-found-page';
import { RouteError } from './route-error';
import { ShellLayout } from './shell-layout';

// Signed-out pages and the shell load at once; the pages behind them (and the date picker and the charts they
// need) are fetched when first visited.
export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
    { path: '/invite/:token', element: <InvitePage />, errorElement: <RouteError /> },
    { path: '/not-me/:token', element: <NotMePage />, errorElement: <RouteError /> },
    { path: '/forgot-password', element: <ForgotPasswordPage />, errorElement: <RouteError /> },
    { path: '/reset-password/:token', element: <ResetPasswordPage />, errorElement: <RouteError /> },
    {
      element: <RequireSession />,
      errorElement: <RouteError />,
      hydrateFallbackElement: <PageLoader label="Loading" />,
      children: [
        {
          element: <ShellLayout />,
          children: [
            { index: true, element: <HomeRedirect /> },
            {
              path: 'me',
              lazy: async () => ({ Component: (await import('../features/me/my-activity-page')).MyActivityPage }),
            },
            {
              path: 'account',
              lazy: async () => ({ Component: (await import('../features/me/account-page')).AccountPage }),
            },
            {
              path: 'device',
              lazy: async () => ({ Component: (await import('../features/device/device-page')).DevicePage }),
            },
            {
              element: <RequireOwner />,
              children: [
                {
                  path: 'overview',
                  lazy: async () => ({
                    Component: (await import('../features/overview/overview-page')).OverviewPage,
                  }),
                },
                {
                  path: 'reports',
                  lazy: async () => ({ Component: (await import('../features/reports/reports-page')).ReportsPage }),
                },
                {
                  path: 'reports/:name',
                  lazy: async () => ({ Component: (await import('../features/reports/report-page')).ReportPage }),
                },
                {
                  path: 'users',
                  lazy: async () => ({ Component: (await import('../features/users/users-page')).UsersPage }),
                },
                {
                  path: 'sign-ins',
                  lazy: async () => ({ Component: (await import('../features/sign-ins/sign-ins-page')).SignInsPage }),
                },
                {
                  path: 'security',
                  lazy: async () => ({ Component: (await import('../features/security/security-page')).SecurityPage }),
                },
                {
                  path: 'audit-log',
                  lazy: async () => ({
                    Component: (await import('../features/audit-log/audit-log-page')).AuditLogPage,
                  }),
                },
                {
                  path: 'settings/security',
                  lazy: async () => ({
                    Component: (await import('../features/security-settings/security-settings-page'))
                      .SecuritySettingsPage,
                  }),
                },
                {
                  path: 'settings/api-tokens',
                  lazy: async () => ({
                    Component: (await import('../features/api-tokens/api-tokens-page')).ApiTokensPage,
                  }),
                },
                {
                  path: 'settings/privacy',
                  lazy: async () => ({
                    Component: (await import('../features/retention/retention-settings-page')).RetentionSettingsPage,
                  }),
                },
                {
                  path: 'settings/sso',
                  lazy: async () => ({
                    Component: (await import('../features/sso/sso-settings-page')).SsoSettingsPage,
                  }),
                },
                {
                  path: 'billing',
                  lazy: async () => ({
                    Component: (await import('../features/subscriptions/billing-page')).BillingPage,
                  }),
                },
                {
                  path: 'billing/:subscriptionId',
                  lazy: async () => ({
                    Component: (await import('../features/subscriptions/subscription-page')).SubscriptionPage,
                  }),
                },
                {
                  path: 'billing/:subscriptionId/seats-in-use',
                  lazy: async () => ({
                    Component: (await import('../features/seats-in-use/seats-in-use-page')).SeatsInUsePage,
                  }),
                },
                {
                  path: 'settings',
                  lazy: async () => ({
                    Component: (await import('../features/organization/settings-page')).SettingsPage,
                  }),
                },
                {
                  path: 'users/:id/:tab?',
                  lazy: async () => ({ Component: (await import('../features/users/user-page')).UserPage }),
                },
              ],
            },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
