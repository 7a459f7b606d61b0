// `npm run bench:second-step`: how long one console sign-in takes with each way of proving it — the password
// alone, then the password followed by an authenticator code, a recovery code or a passkey (two requests) —
// against the bare password check (argon2id verify) in the same run. One sign-in at a time (latency, not
// throughput), in-process (app.inject), each from the account's usual address and browser. The server's clock
// moves 30 s per sign-in so each authenticator code is a fresh one (a code works once per 30-second step).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { loadConfig } from '../src/server/config.ts';
import { createDeps } from '../src/server/create-deps.ts';
import { hashPassword, verifyPassword } from '../src/server/features/auth/passwords.ts';
import { createOrganization } from '../src/server/features/operator/create-organization.ts';
import { buildApp } from '../src/server/http/app.ts';
import { createSoftwarePasskey, type SoftwarePasskey } from '../test/helpers/software-passkey.ts';

const ACCOUNTS = 40;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 120);
const PASSWORD = 'benchmark passphrase';
const USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-second-step-bench-'));
const deps = await createDeps(loadConfig({ DATA_DIR: dataDir, DEMO: '0', LOG_LEVEL: 'silent' }));
let clock = Date.now();
deps.now = () => clock;
const app = await buildApp(deps, { webDistDir: false });
process.stdout.write(`Second-step benchmark on ${deps.database.kind}: ${SAMPLES} sign-ins per method, one at a time\n`);

const { organization } = await createOrganization(deps.database.db, {
  name: 'Bench',
  ownerEmail: 'plain-0@example.com',
  ownerPassword: PASSWORD,
});
const hash = await hashPassword(PASSWORD);
const kinds = ['plain', 'totp', 'recovery', 'passkey'] as const;
await deps.database.db
  .insertInto('users')
  .values(
    kinds
      .flatMap((kind) =>
        Array.from({ length: ACCOUNTS }, (_, index) => ({
          id: `bench-${kind}-${index}`,
          org_id: organization.id,
          email: `${kind}-${index}@example.com`,
          email_normalized: `${kind}-${index}@example.com`,
          name: `${kind} ${index}`,
          role: 'owner' as const,
          status: 'active' as const,
          password_hash: hash,
          created_at: clock,
          updated_at: clock,
        })),
      )
      .filter((row) => row.email !== 'plain-0@example.com'),
  )
  .execute();
const addressOf = (index: number) => `81.2.69.${(index % 200) + 1}`;
const emailOf = (kind: string, index: number) => `${kind}-${index}@example.com`;

function passwordStep(email: string, index: number) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: addressOf(index),
    headers: { 'user-agent': USER_AGENT },
    payload: { email, password: PASSWORD },
  });
}

function verifyStep(index: number, body: Record<string, unknown>) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/login/verify',
    remoteAddress: addressOf(index),
    headers: { 'user-agent': USER_AGENT },
    payload: body,
  });
}

/** Signs the account in with its password alone and answers the headers of its session. */
async function sessionOf(email: string, index: number) {
  const answer = await passwordStep(email, index);
  const cookie = answer.cookies.find((entry) => entry.name === 'sk_session');
  const { csrfToken } = answer.json() as { csrfToken: string };
  return { cookie: `sk_session=${cookie?.value}`, 'x-csrf-token': csrfToken };
}

// Enrolment, through the API as a person would: an authenticator app (and its recovery codes) or a passkey.
process.stdout.write('  enrolling factors…\n');
const apps: TOTP[] = [];
const recoveryCodes: string[][] = [];
const passkeys: SoftwarePasskey[] = [];
for (let index = 0; index < ACCOUNTS; index++) {
  for (const kind of ['totp', 'recovery'] as const) {
    const headers = await sessionOf(emailOf(kind, index), index);
    const started = await app.inject({ method: 'POST', url: '/api/v1/me/mfa/totp', headers });
    const totp = new TOTP({ secret: Secret.fromBase32((started.json() as { secret: string }).secret) });
    const confirmed = await app.inject({
      method: 'POST',
      url: '/api/v1/me/mfa/totp/confirm',
      headers,
      payload: { code: totp.generate({ timestamp: clock }) },
    });
    if (kind === 'totp') apps.push(totp);
    else recoveryCodes.push((confirmed.json() as { recoveryCodes: string[] }).recoveryCodes);
  }
  const headers = await sessionOf(emailOf('passkey', index), index);
  const passkey = createSoftwarePasskey(deps.config.publicUrl.origin);
  const options = await app.inject({ method: 'POST', url: '/api/v1/me/passkeys/registration', headers });
  await app.inject({
    method: 'POST',
    url: '/api/v1/me/passkeys',
    headers,
    payload: { name: 'Bench key', response: passkey.register(options.json() as { challenge: string }) },
  });
  passkeys.push(passkey);
}

/** Runs `signIn` SAMPLES times, one after another; answers the median and the 95th percentile in ms. */
async function measure(name: string, signIn: (sample: number) => Promise<boolean>) {
  process.stdout.write(`  ${name}…\n`);
  const times: number[] = [];
  let failed = 0;
  for (let sample = 0; sample < SAMPLES; sample++) {
    clock += 30_000;
    const started = performance.now();
    if (!(await signIn(sample))) failed++;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.floor(share * times.length))] as number;
  return { name, median: at(0.5), p95: at(0.95), failed };
}

const secondStep = async (kind: string, sample: number, answer: (step: Record<string, unknown>) => object) => {
  const index = sample % ACCOUNTS;
  const first = await passwordStep(emailOf(kind, index), index);
  const step = first.json() as Record<string, unknown>;
  if (step.mfaRequired !== true) return false;
  const done = await verifyStep(index, { challenge: step.challenge, ...answer(step) });
  return done.statusCode === 200;
};

const results = [
  await measure('baseline: argon2id verify alone', async () => verifyPassword(hash, PASSWORD)),
  await measure('password alone', async (sample) => {
    const index = sample % ACCOUNTS;
    return (await passwordStep(emailOf('plain', index), index)).statusCode === 200;
  }),
  await measure('password + authenticator code', (sample) =>
    secondStep('totp', sample, () => ({ code: (apps[sample % ACCOUNTS] as TOTP).generate({ timestamp: clock }) })),
  ),
  await measure('password + recovery code', (sample) =>
    secondStep('recovery', sample, () => ({
      code: (recoveryCodes[sample % ACCOUNTS] as string[])[Math.floor(sample / ACCOUNTS)],
    })),
  ),
  await measure('password + passkey', (sample) =>
    secondStep('passkey', sample, (step) => ({
      passkey: (passkeys[sample % ACCOUNTS] as SoftwarePasskey).authenticate(
        step.passkeyOptions as { challenge: string },
      ),
    })),
  ),
];
const baseline = results[0]?.median ?? 1;
console.table(
  results.map((result) => ({
    'sign-in': result.name,
    'median ms': result.median.toFixed(1),
    'p95 ms': result.p95.toFixed(1),
    failed: result.failed,
    'median vs argon2 alone': (result.median / baseline).toFixed(2),
  })),
);
await app.close();
await deps.close();
fs.rmSync(dataDir, { recursive: true, force: true });
