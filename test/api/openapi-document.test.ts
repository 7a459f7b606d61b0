import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentValidator, pointerSegment } from '../helpers/openapi-contract.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, createTestContext, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI objects, walked structurally
type Json = Record<string, any>;

const ROOT = path.resolve(import.meta.dirname, '../..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/**
 * Issue 9: the OpenAPI document the app serves is one a vendor can generate a client from.
 * Redocly's recommended rules (redocly.yaml) pass with no error and no warning; every example
 * matches its schema; every operation has an operationId, every error answer is problem+json with
 * its codes listed, CSV is declared where `format=csv` exists, public routes need no cookie.
 * (Every answer the API suites receive is also checked against the document: test-app.ts.)
 */
describe('the OpenAPI document', () => {
  let document: Json;
  let cleanup: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const created = await createTestContext('sqlite');
    cleanup = created.cleanup;
    document = created.context.app.swagger() as Json;
  });
  afterAll(async () => {
    await cleanup?.();
  });

  const operations = () =>
    Object.entries(document.paths as Record<string, Json>).flatMap(([route, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${route}`, method, route, operation })),
    );

  it('passes redocly lint (recommended rules, redocly.yaml) with no error and no warning', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-openapi-'));
    try {
      const file = path.join(dir, 'openapi.json');
      fs.writeFileSync(file, JSON.stringify(document, null, 2));
      const { stdout } = await promisify(execFile)(
        path.join(ROOT, 'node_modules/.bin/redocly'),
        ['lint', file, '--config', path.join(ROOT, 'redocly.yaml'), '--format=json'],
        {
          cwd: dir,
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
          maxBuffer: 64 * 1024 * 1024,
        },
      ).catch((error: { stdout?: string; stderr?: string }) => {
        // Exit code 1 on errors: the JSON report is still on stdout.
        if (error.stdout) return { stdout: error.stdout };
        throw new Error(`redocly did not run: ${error.stderr ?? error}`);
      });
      const report = JSON.parse(stdout) as {
        totals: { errors: number; warnings: number };
        problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
      };
      const lines = report.problems.map(
        (problem) => `${problem.severity} ${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer}`,
      );
      expect(lines).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('every example matches its schema (JSON Schema 2020-12)', () => {
    const validatorAt = documentValidator(document);
    const failures: string[] = [];
    let checked = 0;
    const check = (schemaPointer: string, value: unknown, where: string) => {
      checked += 1;
      const validate = validatorAt(schemaPointer);
      if (!validate(value)) failures.push(`${where}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    };
    const walk = (node: unknown, pointer: string, inSchema: boolean) => {
      if (node === null || typeof node !== 'object') return;
      const object = node as Json;
      if (inSchema && Array.isArray(object.examples)) {
        object.examples.forEach((example: unknown, index: number) => {
          check(pointer, example, `${pointer}/examples/${index}`);
        });
      }
      if (!inSchema && object.schema && object.examples && typeof object.examples === 'object') {
        for (const [name, example] of Object.entries(object.examples as Record<string, Json>)) {
          check(`${pointer}/schema`, example.value, `${pointer}/examples/${name}`);
        }
      }
      for (const [key, child] of Object.entries(object)) {
        if (key === 'examples' || key === 'example') continue;
        const childPointer = `${pointer}/${pointerSegment(key)}`;
        walk(child, childPointer, inSchema || key === 'schema' || pointer === '/components/schemas');
      }
    };
    walk(document, '', false);
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it('names every operation (camelCase, unique) and says where the API is served', () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operations().find(({ key }) => key === 'GET /api/v1/users')?.operation.operationId).toBe('listUsers');
    expect(document.servers).toEqual([expect.objectContaining({ url: expect.any(String) })]);
  });

  it('answers every operation with a 2XX, but the browser redirects, which answer a 3XX', () => {
    const withoutSuccess = operations()
      .filter(({ operation }) => !Object.keys(operation.responses ?? {}).some((status) => /^2\d\d$/.test(status)))
      .map(
        ({ key, operation }) =>
          `${key} ${Object.keys(operation.responses ?? {}).find((status) => /^3\d\d$/.test(status))}`,
      );
    expect(withoutSuccess).toEqual(['GET /api/v1/auth/sso/callback 303']);
  });

  it('declares every error answer as problem+json with its codes, and 400/414 where a path takes an id', () => {
    for (const { key, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses as Record<string, Json>)) {
        if (Number(status) < 400) continue;
        expect(Object.keys(response.content), `${key} ${status}`).toEqual(['application/problem+json']);
        const codes = response['x-problem-codes'] as string[];
        expect(codes.length, `${key} ${status}`).toBeGreaterThan(0);
        for (const code of codes) {
          expect(response.description, `${key} ${status}`).toContain(`\`${code}\``);
          expect(response.content['application/problem+json'].examples[code].value).toMatchObject({
            code,
            status: Number(status),
          });
        }
      }
      const takesPath = (operation.parameters ?? []).some((parameter: Json) => parameter.in === 'path');
      if (takesPath) {
        expect(operation.responses['400']?.['x-problem-codes'], key).toContain('invalid-request');
        expect(operation.responses['414']?.['x-problem-codes'], key).toEqual(['uri-too-long']);
      }
      expect(operation.responses['500'], key).toBeDefined();
    }
  });

  it('declares text/csv wherever format=csv exists, and only there', () => {
    for (const { key, operation } of operations()) {
      const format = (operation.parameters ?? []).find((parameter: Json) => parameter.name === 'format');
      const media = Object.keys(operation.responses['200']?.content ?? {});
      if (format?.schema?.enum?.includes('csv')) expect(media, key).toEqual(['application/json', 'text/csv']);
      else expect(media, key).not.toContain('text/csv');
    }
  });

  it('public routes need no cookie; the apps’ heartbeat and sign-out take the Bearer session token', () => {
    const security = Object.fromEntries(operations().map(({ key, operation }) => [key, operation.security]));
    const publicOnes = Object.entries(security)
      .filter(([, value]) => Array.isArray(value) && value.length === 0)
      .map(([key]) => key)
      .sort();
    expect(publicOnes).toEqual(
      [
        'GET /api/v1/invitations/{token}',
        'GET /healthz',
        'GET /api/v1/license-keys',
        'GET /readyz',
        'POST /api/v1/app/sessions',
        'POST /api/v1/app/device-authorizations',
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/login/verify',
        'POST /api/v1/auth/sso/start',
        'GET /api/v1/auth/sso/callback',
        'POST /api/v1/auth/password-reset',
        'GET /api/v1/auth/password-reset/{token}',
        'POST /api/v1/auth/password-reset/{token}',
        'POST /api/v1/invitations/{token}/accept',
        'GET /api/v1/sign-in-confirmations/{token}',
        'POST /api/v1/sign-in-confirmations/{token}/not-me',
      ].sort(),
    );
    expect(security['POST /api/v1/app/sessions/current/heartbeat']).toEqual([{ appSession: [] }]);
    expect(security['DELETE /api/v1/app/sessions/current']).toEqual([{ appSession: [] }]);
    // Either the console's cookie or an owner's API token; a few operations take only the session.
    expect(document.security).toEqual([{ session: [] }, { bearerAuth: [] }]);
    expect(security['POST /api/v1/api-tokens']).toEqual([{ session: [] }]);
  });

  it('closes every request body: additionalProperties false on each object', () => {
    const open: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (node === null || typeof node !== 'object') return;
      const object = node as Json;
      if (object.type === 'object' && object.additionalProperties !== false) open.push(where);
      for (const [key, child] of Object.entries(object)) if (key !== 'examples') walk(child, `${where}/${key}`);
    };
    for (const { key, operation } of operations()) {
      walk(operation.requestBody?.content?.['application/json']?.schema, key);
    }
    expect(open).toEqual([]);
  });
});

describeEachDatabase('request rules the document declares', (ctx) => {
  let owner: Session;
  let ownerId: string;

  beforeAll(async () => {
    const org = await createOrgWithOwner(ctx(), 'Contract');
    owner = await signIn(ctx().app, org.email, org.password);
    ownerId = org.ownerId;
  });

  const send = (context: TestContext, method: 'POST' | 'PATCH', url: string, payload: object, session = owner) =>
    context.app.inject({ method, url, headers: as(session), payload });

  it('refuses unknown body fields with a 400 naming every one of them, and changes nothing', async () => {
    const patched = await send(ctx(), 'PATCH', `/api/v1/users/${ownerId}`, { bogus: 1, other: 'x' });
    expect(patched.statusCode).toBe(400);
    expect(patched.headers['content-type']).toContain('application/problem+json');
    expect(patched.json()).toMatchObject({
      code: 'invalid-request',
      errors: [
        { path: 'body/bogus', message: expect.stringContaining('not a known field') },
        { path: 'body/other', message: expect.stringContaining('name, role') },
      ],
    });
    const mixed = await send(ctx(), 'PATCH', `/api/v1/users/${ownerId}`, { name: 'Renamed', isAdmin: true });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().detail).toContain('body/isAdmin');
    const fetched = await ctx().app.inject({ url: `/api/v1/users/${ownerId}`, headers: as(owner) });
    expect(fetched.json().name).not.toBe('Renamed');

    const created = await send(ctx(), 'POST', '/api/v1/users', { email: 'x@example.com', name: 'X', orgId: 'other' });
    expect(created.json()).toMatchObject({ status: 400, errors: [{ path: 'body/orgId' }] });
    const nested = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/app/sessions',
      payload: {
        email: 'x@example.com',
        password: 'whatever it is',
        app: { key: 'studio', version: '1.0' },
        device: { id: 'd', name: 'n', os: 'o', osVersion: '1', colour: 'blue' },
      },
    });
    expect(nested.json()).toMatchObject({ status: 400, errors: [{ path: 'body/device/colour' }] });
  });

  it('keeps ignoring unknown query parameters', async () => {
    const listed = await ctx().app.inject({ url: '/api/v1/users?_=12345&unknown=x', headers: as(owner) });
    expect(listed.statusCode).toBe(200);
  });

  it('checks what the schemas now say: email grammar, date span, time zones, new-password length', async () => {
    const badEmail = await send(ctx(), 'POST', '/api/v1/users', { email: 'someone@localhost', name: 'Local' });
    expect(badEmail.json()).toMatchObject({ status: 400, code: 'invalid-request' });
    const early = await ctx().app.inject({
      url: `/api/v1/users/${ownerId}/activity?from=1969-12-31T00:00:00Z`,
      headers: as(owner),
    });
    expect(early.json()).toMatchObject({ status: 400, code: 'invalid-request' });
    const zone = await ctx().app.inject({
      url: `/api/v1/users/${ownerId}/activity?tz=Mars/Olympus`,
      headers: as(owner),
    });
    expect(zone.json()).toMatchObject({ status: 400, code: 'invalid-time-zone', errors: [{ path: 'querystring/tz' }] });
    const report = await ctx().app.inject({ url: '/api/v1/reports/logins?from=2101-01-01', headers: as(owner) });
    expect(report.json()).toMatchObject({ status: 400, errors: [{ path: 'querystring/from' }] });
    const short = await send(ctx(), 'POST', '/api/v1/me/password', {
      currentPassword: 'correct horse battery staple',
      newPassword: 'short',
    });
    expect(short.json()).toMatchObject({
      status: 400,
      code: 'weak-password',
      errors: [{ path: 'body/newPassword' }],
    });
  });
});
