/**
 * The direction of every import, checked by `npm run lint` (docs/ARCHITECTURE.md draws it).
 *
 * From the bottom up: lib and common (plain helpers) < db < the kernel (config, app-deps)
 * < features, in FEATURE_ORDER < the route layer (http/ and every feature's *.routes.ts)
 * < the entry points (start.ts, cli/). A feature's non-route code imports only features
 * listed before it, so features never depend on each other in a circle, and only through their
 * index.ts; HTTP (requests, replies, cursors, problem documents) stays in the route layer.
 */

/** Lowest first. A feature may import the features before it, never one after it. */
const FEATURE_ORDER = [
  'metrics',
  'device',
  'geo',
  'throttle',
  'products',
  'audit-log',
  'report-aggregates',
  'organizations',
  'license-keys',
  'users',
  'activity',
  'sign-ins',
  'security-settings',
  'risk',
  'alerts',
  'notifications',
  'mfa',
  'sso',
  'auth',
  'sso-sign-in',
  'seat-leases',
  'seat-denials',
  'seat-alerts',
  'app-sessions',
  'password-reset',
  'subscriptions',
  'licenses',
  'seats-in-use',
  'device-authorization',
  'app-sign-in',
  'seat-borrowing',
  'api-tokens',
  'deactivation',
  'not-me',
  'bulk-users',
  'operator',
  'user-sessions',
  'privacy',
  'retention',
  'event-ingest',
  'seat-reclaim',
  'reports',
  'health',
  'demo',
];

const ROUTE_LAYER = ['^src/server/http/', '^src/server/features/[^/]+/.+[.]routes[.]ts$'];
const ENTRY_POINTS = [
  '^src/server/start[.]ts$',
  '^src/server/cluster[.]ts$',
  '^src/server/create-deps[.]ts$',
  '^src/server/web-build[.]ts$',
  '^src/server/cli/',
];
const TESTS = '[.]test[.]tsx?$';

const featureRules = FEATURE_ORDER.map((feature, index) => ({
  name: `feature-order-${feature}`,
  comment: `${feature} may import only the features listed before it in FEATURE_ORDER (.dependency-cruiser.cjs).`,
  severity: 'error',
  from: { path: `^src/server/features/${feature}/`, pathNot: [TESTS, '[.]routes[.]ts$'] },
  to: {
    path: `^src/server/features/(${FEATURE_ORDER.slice(index + 1).join('|') || '$^'})/`,
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No module imports itself through others.',
      severity: 'error',
      from: { pathNot: TESTS },
      to: { circular: true },
    },
    {
      name: 'unknown-feature',
      comment: 'Every feature folder has a place in FEATURE_ORDER (.dependency-cruiser.cjs).',
      severity: 'error',
      from: { path: `^src/server/features/(?!(${FEATURE_ORDER.join('|')})/)` },
      to: {},
    },
    {
      name: 'features-meet-at-their-entry',
      comment:
        "A feature uses another only through that feature's index.ts (its public entry); inside a feature, files import each other directly.",
      severity: 'error',
      from: { path: '^src/server/features/([^/]+)/', pathNot: TESTS },
      to: {
        path: '^src/server/features/[^/]+/',
        pathNot: ['^src/server/features/$1/', '^src/server/features/[^/]+/index[.]ts$', '[.]routes[.]ts$'],
      },
    },
    {
      name: 'the-rest-meets-features-at-their-entry',
      comment:
        'Code outside the features (http/, cli/, start.ts, the kernel) uses a feature only through its index.ts.',
      severity: 'error',
      from: { path: '^src/server/(?!features/)', pathNot: TESTS },
      to: { path: '^src/server/features/[^/]+/', pathNot: ['/index[.]ts$', '[.]routes[.]ts$'] },
    },
    {
      name: 'no-own-entry',
      comment:
        "Inside a feature, files import each other directly, never through the feature's own index.ts (a cycle).",
      severity: 'error',
      from: { path: '^src/server/features/([^/]+)/(?!index[.]ts$)' },
      to: { path: '^src/server/features/$1/index[.]ts$' },
    },
    {
      name: 'http-stays-on-top',
      comment:
        'Only the route layer and the entry points import http/ (requests, replies, cursors, problem rendering).',
      severity: 'error',
      from: { path: '^src/server/', pathNot: [...ROUTE_LAYER, ...ENTRY_POINTS, TESTS] },
      to: { path: '^src/server/http/' },
    },
    {
      name: 'routes-are-registered-by-http',
      comment: 'Only http/app.ts registers routes; code below never imports a route module.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/server/http/app[.]ts$', TESTS] },
      to: { path: '[.]routes[.]ts$' },
    },
    {
      name: 'entry-points-are-the-top',
      comment: 'Nothing imports the entry points (start.ts, cli/).',
      severity: 'error',
      from: { path: '^src/', pathNot: [...ENTRY_POINTS, TESTS] },
      to: { path: ENTRY_POINTS },
    },
    {
      name: 'lib-is-the-bottom',
      comment: 'lib/ and common/ are plain helpers: they import nothing of the application.',
      severity: 'error',
      from: { path: ['^src/server/lib/', '^src/common/'], pathNot: TESTS },
      to: { path: '^src/', pathNot: ['^src/server/lib/', '^src/common/'] },
    },
    {
      name: 'db-below-features',
      comment: 'db/ (connection, schema, migrations) knows no feature, no HTTP.',
      severity: 'error',
      from: { path: '^src/server/db/', pathNot: TESTS },
      to: {
        path: '^src/',
        pathNot: ['^src/server/db/', '^src/server/lib/', '^src/common/', '^src/server/config[.]ts$'],
      },
    },
    {
      name: 'contract-stands-alone',
      comment: 'The API contract (TypeBox schemas) imports only common/: the console and the SDK read it.',
      severity: 'error',
      from: { path: '^src/contract/', pathNot: TESTS },
      to: { path: '^src/', pathNot: ['^src/contract/', '^src/common/'] },
    },
    {
      name: 'console-talks-http-only',
      comment: 'The console knows the server only through the contract (types) and HTTP.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/(server|sdk)/' },
    },
    {
      name: 'sdk-is-its-own-package',
      comment: 'The SDK is published alone: it imports nothing outside src/sdk.',
      severity: 'error',
      from: { path: '^src/sdk/' },
      to: { path: '^src/', pathNot: '^src/sdk/' },
    },
    ...featureRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '(^|/)dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'] },
  },
};
