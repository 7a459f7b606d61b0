import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/server/config.ts';
import { startServer } from '../../src/server/start.ts';
import { FIXTURE_CITY_DB } from './fixtures.ts';

/**
 * The real server over a fresh SQLite folder, on a free port, for the browser journeys. The
 * test itself plays a trusted reverse proxy (127.0.0.1), so it can give people public
 * addresses with X-Forwarded-For; MaxMind's test database places them (81.2.69.142: London).
 * `demo`: the demo organization seeded first (its own addresses then mostly have no place).
 */
export async function startE2eServer(options: { demo?: boolean; config?: Record<string, string> } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-e2e-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    DEMO: options.demo ? '1' : '0',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    TRUST_PROXY: '127.0.0.1',
    GEOIP_CITY_DB: FIXTURE_CITY_DB,
    // e.g. PORT and PUBLIC_URL http://localhost:<port> (WebAuthn refuses an IP address as relying party).
    ...options.config,
  });
  const server = await startServer(config, { buildWeb: false, handleSignals: false });
  return {
    ...server,
    async close() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * Through the API, as a person would: the owner signs in and adds the member, who accepts
 * the invitation (a first sign-in) with the headers given (address, User-Agent).
 */
export async function inviteMember(
  baseUrl: string,
  owner: { email: string; password: string },
  member: { email: string; name: string; password: string },
  acceptHeaders: Record<string, string> = {},
) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify(owner),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const created = await fetch(`${baseUrl}/api/v1/users`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ email: member.email, name: member.name, role: 'member' }),
  });
  const { invitation } = (await created.json()) as { invitation: { token: string } };
  const accepted = await fetch(`${baseUrl}/api/v1/invitations/${invitation.token}/accept`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...acceptHeaders },
    body: JSON.stringify({ password: member.password }),
  });
  if (accepted.status !== 200) throw new Error(`accepting the invitation failed: ${accepted.status}`);
}

/** A sign-in through the API; answers the HTTP status. */
export async function attemptSignIn(
  baseUrl: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...headers },
    body: JSON.stringify({ email, password }),
  });
  return response.status;
}
