import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOrganization } from '../../scripts/simulate/console-api.ts';
import { DEMO_MEMBER_PASSWORD, DEMO_OWNER } from '../../src/server/features/demo/seed-demo.ts';

/**
 * The SDK as a vendor gets it: packed with `npm pack` (which builds it), installed from the tarball
 * into a fresh folder that knows nothing of this repository, and used from there — ESM, CommonJS,
 * TypeScript type-checked against the package's own declarations — against a real server (its own
 * process, the demo organization seeded into a fresh SQLite folder). The programs run are the ones
 * in docs/sdk.md, read from it, so the guide cannot drift from what works; the Python one too.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const SDK_DIR = path.join(ROOT, 'src/sdk');
const GUIDE = path.join(ROOT, 'docs/sdk.md');
const TSC = path.join(ROOT, 'node_modules/.bin/tsc');
const TSX_LOADER = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const run = promisify(execFile);

/** Nothing of this repository's npm run leaks into the vendor's npm (a prefix would install in the wrong folder). */
const cleanEnv = () =>
  Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== 'INIT_CWD'),
  ) as NodeJS.ProcessEnv;

interface Example {
  file: string;
  language: string;
  code: string;
}

/**
 * The fenced blocks of the guide. A program is marked by an `<!-- example: <file> -->` line just
 * before its fence; blocks in a programming language must all be marked (so all are run).
 */
function guideExamples(markdown: string): { examples: Example[]; unmarked: string[] } {
  const examples: Example[] = [];
  const unmarked: string[] = [];
  const lines = markdown.split('\n');
  let marker: string | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const named = /^<!-- example: (\S+) -->$/.exec(line);
    if (named) {
      marker = named[1];
      continue;
    }
    const fence = /^```(\S*)$/.exec(line);
    if (!fence) {
      if (line.trim() !== '') marker = undefined;
      continue;
    }
    const body: string[] = [];
    for (index++; index < lines.length && lines[index] !== '```'; index++) body.push(lines[index] ?? '');
    const language = fence[1] ?? '';
    if (marker) examples.push({ file: marker, language, code: `${body.join('\n')}\n` });
    else if (/^(ts|typescript|js|javascript|mjs|cjs|py|python)$/.test(language)) {
      unmarked.push(`${language}: ${body[0] ?? ''}`);
    }
    marker = undefined;
  }
  return { examples, unmarked };
}

/** How the test drives each program of the guide; a program it does not know fails the test. */
const RUNS = ['quickstart.js', 'quickstart.cjs', 'licensing.ts', 'fake-server.ts', 'seatkeeper_example.py'];

/** Drives the guide's licence module (licensing.ts) as the rest of an app would. */
const LICENSING_DRIVER = `import { createLicensing, type LicenceUi } from './licensing.js';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(\`\${name} is not set\`);
  return value;
};
const events: string[] = [];
const ui: LicenceUi = {
  showLicensed: (product, until) => events.push(\`licensed: \${product} until \${until}\`),
  setOffline: (offline) => events.push(\`offline: \${offline}\`),
  askForPassword: (message) => events.push(\`password: \${message}\`),
  blocked: (message) => events.push(\`blocked: \${message}\`),
  tryAgainIn: (seconds) => events.push(\`try again in \${seconds}\`),
};
const licensing = createLicensing(ui, { serverUrl: required('SEATKEEPER_URL'), installationId: 'vendor-test-laptop' });
const wrongPassword = await licensing.signIn(required('SEATKEEPER_EMAIL'), 'not the password');
const signedIn = await licensing.signIn(required('SEATKEEPER_EMAIL'), required('SEATKEEPER_PASSWORD'));
const session = licensing.session;
if (!session) throw new Error('no session after a sign-in that succeeded');
const heartbeating = session.heartbeating;
await session.heartbeat();
const expiresInMs = session.expiresInMs();
await licensing.quit();
const seatlessEmail = process.env.SEATLESS_EMAIL;
const seatless = seatlessEmail ? await licensing.signIn(seatlessEmail, required('SEATKEEPER_PASSWORD')) : null;
console.log(JSON.stringify({ wrongPassword, signedIn, heartbeating, expiresInMs, activeAfterQuit: session.active, seatless, events }));
`;

/** The require() side of the package's types, checked by tsc with the rest (an app's .cts file). */
const REQUIRE_CHECK = `import sdk = require('@seatkeeper/sdk');

const client: sdk.SeatkeeperClient = sdk.createSeatkeeperClient({ baseUrl: 'http://localhost:3000' });
export const offset: number | undefined = client.serverClockOffsetMs;
export const isRefusal = (value: unknown): value is sdk.SeatkeeperError => value instanceof sdk.SeatkeeperError;
export const action: sdk.SeatkeeperAction = 'no-seat';
`;

/** Drives the guide's Python module; only time.sleep is replaced (two heartbeats, then Ctrl-C). */
const PYTHON_DRIVER = `import json
import os
import seatkeeper_example as example

email, password = os.environ['SEATKEEPER_EMAIL'], os.environ['SEATKEEPER_PASSWORD']
result = {}
sleeps = []


def sleep(seconds):
    sleeps.append(seconds)
    if len(sleeps) > 2:
        raise KeyboardInterrupt


example.time.sleep = sleep
result['run'] = example.run(email, password)
result['sleeps'] = sleeps
result['wrongPassword'] = example.run(email, 'not the password')

device = {'id': 'python-driver', 'name': 'Driver', 'os': 'Linux', 'osVersion': '6.8'}
session = example.call('POST', '/app/sessions', body={'email': email, 'password': password, 'app': example.APP, 'device': device})
token = session['sessionToken']
result['heartbeat'] = example.call('POST', '/app/sessions/current/heartbeat', token=token)
result['signOut'] = example.call('DELETE', '/app/sessions/current', token=token)
try:
    example.call('POST', '/app/sessions/current/heartbeat', token=token)
except example.Refused as error:
    result['afterSignOut'] = [error.status, error.code, error.action]
try:
    example.call('POST', '/app/sessions', body={'email': email, 'password': password, 'app': {'key': 'no-such-app', 'version': '1'}, 'device': device})
except example.Refused as error:
    result['unknownApp'] = [error.status, error.code, error.action]
    try:
        example.explain(error)
    except example.Refused:
        result['unknownAppRaised'] = True
if os.environ.get('SEATLESS_EMAIL'):
    result['seatless'] = example.run(os.environ['SEATLESS_EMAIL'], password)
print('RESULT ' + json.dumps(result))
`;

describe('the SDK package, installed and used as a vendor would', { timeout: 300_000 }, () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-sdk-package-'));
  const vendorDir = path.join(work, 'northwind-designer');
  const dataDir = path.join(work, 'data');
  let server: ChildProcess | undefined;
  let url = '';
  let tarball = '';
  let packed: string[] = [];
  let seatHolder = '';
  let seatless: string | undefined;
  const { examples, unmarked } = guideExamples(fs.readFileSync(GUIDE, 'utf8'));

  /** A program run in the vendor's folder, against the server, as the demo's seat holder. */
  const inVendorDir = (command: string, args: string[], env: Record<string, string> = {}) =>
    run(command, args, {
      cwd: vendorDir,
      env: {
        ...cleanEnv(),
        HOME: vendorDir,
        SEATKEEPER_URL: url,
        SEATKEEPER_EMAIL: seatHolder,
        SEATKEEPER_PASSWORD: DEMO_MEMBER_PASSWORD,
        ...(seatless ? { SEATLESS_EMAIL: seatless } : {}),
        ...env,
      },
      timeout: 120_000,
    });

  beforeAll(async () => {
    fs.mkdirSync(vendorDir);
    fs.mkdirSync(dataDir);
    const serving = startServer({ DATA_DIR: dataDir });
    // As the guide says: `npm pack` of the SDK folder builds it (prepack → npm run build) and packs it.
    await run('npm', ['pack', SDK_DIR], { cwd: work, env: cleanEnv() });
    tarball = path.join(work, fs.readdirSync(work).find((name) => name.endsWith('.tgz')) ?? 'missing.tgz');
    packed = (await run('tar', ['-tzf', tarball])).stdout.trim().split('\n');
    fs.writeFileSync(
      path.join(vendorDir, 'package.json'),
      `${JSON.stringify({ name: 'northwind-designer', private: true, type: 'module' }, null, 2)}\n`,
    );
    await run('npm', ['install', '--no-audit', '--no-fund', tarball], { cwd: vendorDir, env: cleanEnv() });
    ({ child: server, url } = await serving);
    // Who holds a Designer seat in this copy of the demo (the shuffle depends on the day), and who does not.
    const organization = await readOrganization(fetch, url, {
      email: DEMO_OWNER.email,
      password: DEMO_OWNER.password,
    });
    const members = organization.users.filter(
      (user) => user.role === 'member' && user.status === 'active' && !user.invitationPending,
    );
    const holds = (user: { id: string }) => organization.seats.get(user.id)?.has('designer') ?? false;
    const amelia = members.find((user) => user.email === 'amelia.tanaka@northwind.example');
    seatHolder = (amelia && holds(amelia) ? amelia : members.find(holds))?.email ?? '';
    seatless = members.find((user) => !holds(user))?.email;
    expect(seatHolder).not.toBe('');
    for (const example of examples) fs.writeFileSync(path.join(vendorDir, example.file), example.code);
  }, 300_000);

  afterAll(() => {
    server?.kill('SIGKILL');
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('packs the ESM and CommonJS builds, declarations, licence and readme, and no test or source file', async () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'package/package.json',
        'package/LICENSE',
        'package/README.md',
        'package/dist/esm/index.js',
        'package/dist/esm/index.d.ts',
        'package/dist/cjs/index.js',
        'package/dist/cjs/index.d.ts',
        'package/dist/cjs/package.json',
      ]),
    );
    expect(packed.filter((file) => /\.test\.|(^|\/)tests?\//.test(file))).toEqual([]);
    expect(packed.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
    expect(packed.filter((file) => file.includes('tsconfig'))).toEqual([]);

    const installed = path.join(vendorDir, 'node_modules/@seatkeeper/sdk');
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: '@seatkeeper/sdk',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      license: 'Apache-2.0',
      // jose 6 (offline verification of lease files) is ESM only: the CommonJS build needs require(esm), Node 20.19.
      engines: { node: '>=20.19' },
      exports: {
        '.': {
          import: { types: './dist/esm/index.d.ts', default: './dist/esm/index.js' },
          require: { types: './dist/cjs/index.d.ts', default: './dist/cjs/index.js' },
        },
      },
    });
    expect(manifest.dependencies ?? {}).toEqual({ jose: '^6.2.18' });
    expect(JSON.parse(fs.readFileSync(path.join(installed, 'dist/cjs/package.json'), 'utf8'))).toEqual({
      type: 'commonjs',
    });
    expect(fs.readFileSync(path.join(installed, 'LICENSE'), 'utf8')).toContain('Apache License');
  });

  it('the guide marks every program, and this test runs each one it marks', () => {
    expect(unmarked).toEqual([]);
    expect(examples.map((example) => example.file).sort()).toEqual([...RUNS].sort());
  });

  it('ESM (the guide’s quickstart.js, in a "type": "module" app): signs in, heartbeats, signs out', async () => {
    const { stdout } = await inVendorDir(process.execPath, ['quickstart.js']);
    expect(stdout).toContain('Signed in: a Northwind Designer seat until ');
    expect(stdout).toMatch(/Heartbeat accepted: the session now ends in 1[78]\d s without another/);
    expect(stdout).toContain('Signed out');
  });

  it('CommonJS (the guide’s quickstart.cjs, require): signs in, heartbeats, reads the server’s clock, signs out', async () => {
    const { stdout } = await inVendorDir(process.execPath, ['quickstart.cjs']);
    expect(stdout).toContain('Signed in: a Northwind Designer seat');
    // Same machine, same clock: the offset is the Date header's resolution (±0.5 s) plus the round trip.
    const offset = Number(/the server's clock is (-?\d+) ms ahead/.exec(stdout)?.[1]);
    expect(Math.abs(offset)).toBeLessThanOrEqual(2_000);
    expect(stdout).toContain('Signed out');
  });

  it('TypeScript: the guide’s programs type-check against the package’s declarations (import and require)', async () => {
    fs.writeFileSync(path.join(vendorDir, 'licensing-driver.ts'), LICENSING_DRIVER);
    fs.writeFileSync(path.join(vendorDir, 'check-require.cts'), REQUIRE_CHECK);
    fs.writeFileSync(
      path.join(vendorDir, 'tsconfig.json'),
      `${JSON.stringify(
        {
          compilerOptions: {
            module: 'nodenext',
            target: 'es2022',
            lib: ['es2023'],
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            // A vendor would `npm install -D @types/node`; this repository's copy stands in for it.
            types: ['node'],
            typeRoots: [path.join(ROOT, 'node_modules/@types')],
          },
          include: ['*.ts', '*.cts'],
        },
        null,
        2,
      )}\n`,
    );
    const { stdout } = await inVendorDir(TSC, ['--noEmit', '-p', 'tsconfig.json', '--listFiles']);
    // import resolved to the ESM declarations, require to the CommonJS ones.
    expect(stdout).toContain(path.join(vendorDir, 'node_modules/@seatkeeper/sdk/dist/esm/index.d.ts'));
    expect(stdout).toContain(path.join(vendorDir, 'node_modules/@seatkeeper/sdk/dist/cjs/index.d.ts'));
  });

  it('TypeScript: the guide’s licence module signs in, explains a wrong password and a missing seat, heartbeats, quits', async () => {
    const { stdout } = await inVendorDir(process.execPath, ['--import', TSX_LOADER, 'licensing-driver.ts']);
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(result).toMatchObject({
      wrongPassword: false,
      signedIn: true,
      heartbeating: true,
      activeAfterQuit: false,
      seatless: seatless ? false : null,
    });
    expect(result.expiresInMs).toBeGreaterThan(170_000);
    expect(result.expiresInMs).toBeLessThanOrEqual(181_000);
    expect(result.events[0]).toBe('password: Wrong email or password.');
    expect(result.events[1]).toMatch(/^licensed: Northwind Designer until \d{4}-/);
    if (seatless) expect(result.events.at(-1)).toMatch(/^blocked: .*holds no seat of Northwind Designer/);
  });

  it('TypeScript: the guide’s test with a fake fetch runs', async () => {
    const { stdout } = await inVendorDir(process.execPath, ['--import', TSX_LOADER, 'fake-server.ts']);
    expect(stdout).toContain('A user without a seat is told so.');
  });

  it('Python (the guide’s example, standard library only): the heartbeat loop, sign-out, and the problem codes', async () => {
    fs.writeFileSync(path.join(vendorDir, 'driver.py'), PYTHON_DRIVER);
    const { stdout } = await inVendorDir('python3', ['driver.py']);
    const result = JSON.parse(/^RESULT (.*)$/m.exec(stdout)?.[1] ?? '{}');
    expect(result).toMatchObject({
      run: true,
      wrongPassword: false,
      heartbeat: null,
      signOut: null,
      // Heartbeat and sign-out went with Content-Type: application/json and no body: accepted.
      afterSignOut: [401, 'session-ended', 'sign-in-again'],
      unknownApp: [404, 'unknown-app', 'fix-request'],
      unknownAppRaised: true,
    });
    expect(result.sleeps).toHaveLength(3);
    for (const seconds of result.sleeps) {
      expect(seconds).toBeGreaterThanOrEqual(54);
      expect(seconds).toBeLessThanOrEqual(60);
    }
    expect(stdout).toMatch(/Signed in: Northwind Designer until \d{4}-/);
    expect(stdout.match(/^Heartbeat accepted$/gm)).toHaveLength(2);
    expect(stdout).toContain('Signed out');
    expect(stdout).toContain('Wrong email or password.');
    if (seatless) {
      expect(result.seatless).toBe(false);
      expect(stdout).toMatch(/No seat for this app: .*holds no seat of Northwind Designer/);
    }
    // Run as a program: a refusal exits 1 with the explanation.
    const refused = await inVendorDir('python3', ['seatkeeper_example.py'], {
      SEATKEEPER_EMAIL: 'nobody@northwind.example',
      SEATKEEPER_PASSWORD: 'not the password',
    }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(refused).toMatchObject({ code: 1, stdout: 'Wrong email or password.\n' });
  });
});

/** The real server in its own process with the demo organization; answers once it listens. */
function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/serve-for-test.ts'], {
    cwd: ROOT,
    env: {
      ...cleanEnv(),
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO: '1',
      DATABASE_URL: '',
      REDIS_URL: '',
      LOG_LEVEL: 'silent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /^LISTENING (\S+)$/m.exec(output);
      if (listening?.[1]) resolve({ child, url: listening[1] });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
  });
}
