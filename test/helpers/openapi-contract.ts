import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../src/server/http/app-types.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI objects, walked structurally
type Json = Record<string, any>;

const DOCUMENT_ID = 'https://seatkeeper.invalid/openapi.json';

/**
 * Ajv (JSON Schema 2020-12, OpenAPI 3.1's dialect) over the whole document, so a pointer into it
 * compiles with its `#/components/...` references resolved. The custom format is the server's own.
 */
export function documentValidator(document: Json): (pointer: string) => ValidateFunction {
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, validateFormats: true }));
  ajv.addFormat('iana-time-zone', {
    type: 'string',
    validate: (value: string) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: value });
        return true;
      } catch {
        return false;
      }
    },
  });
  ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  const compiled = new Map<string, ValidateFunction>();
  return (pointer) => {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` });
      compiled.set(pointer, validate);
    }
    return validate;
  };
}

export const pointerSegment = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

export interface ContractWatch {
  /** One line per kind of mismatch, with how many answers showed it. */
  violations(): string[];
}

/**
 * Tests only: checks every answer the app sends against its own OpenAPI document (app.swagger()):
 * the status is declared for the operation, the content type is a declared media type (none for
 * a bodiless answer), a JSON body validates against the declared schema, and a problem's `code`
 * is one the answer lists (`x-problem-codes`). Answers outside the document (unknown routes,
 * errors before routing, the docs and the console) are not checked. Mismatches are collected:
 * the caller fails the test file with them (test-app.ts, at cleanup).
 */
export function watchContract(app: App): ContractWatch {
  const found = new Map<string, number>();
  let checker: ((request: FastifyRequest, reply: FastifyReply, payload: unknown) => string | undefined) | undefined;
  app.addHook('onSend', async (request, reply, payload) => {
    try {
      checker ??= contractChecker(app.swagger() as Json);
      const violation = checker(request, reply, payload);
      if (violation) found.set(violation, (found.get(violation) ?? 0) + 1);
    } catch (error) {
      const line = `contract check failed: ${(error as Error).stack ?? error}`;
      found.set(line, (found.get(line) ?? 0) + 1);
    }
    return payload;
  });
  return {
    violations: () => [...found].map(([line, count]) => (count > 1 ? `${line} (×${count})` : line)),
  };
}

function contractChecker(document: Json) {
  const validatorAt = documentValidator(document);
  return (request: FastifyRequest, reply: FastifyReply, payload: unknown): string | undefined => {
    const url = request.routeOptions.url;
    if (url === undefined) return undefined;
    const path = url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const head = request.method === 'HEAD';
    const method = head ? 'get' : request.method.toLowerCase();
    const operation = document.paths?.[path]?.[method] as Json | undefined;
    if (!operation) return undefined;
    const where = `${method.toUpperCase()} ${path}`;
    const status = String(reply.statusCode);
    const text = payloadText(payload);
    const code = problemCode(text);
    const response = operation.responses?.[status] as Json | undefined;
    if (!response) {
      return `${where} answered ${status}${code ? ` ${code}` : ''}, which the document does not declare (declared: ${Object.keys(operation.responses ?? {}).join(', ')})`;
    }
    // Fastify sends a 204 without a body or content type, whatever the handler passed.
    if (reply.statusCode === 204 || reply.statusCode < 200) {
      return response.content ? `${where} ${status}: the document declares a body, a ${status} has none` : undefined;
    }
    const contentType = String(reply.getHeader('content-type') ?? '');
    const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    if (!response.content) {
      if (text) return `${where} ${status}: the document declares no body, the answer has one (${contentType})`;
      return undefined;
    }
    if (!response.content[mediaType]) {
      return `${where} ${status}: content type "${contentType}" is not declared (declared: ${Object.keys(response.content).join(', ')})`;
    }
    if (head || text === undefined || !/[/+]json$/.test(mediaType)) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return `${where} ${status}: the ${mediaType} body is not JSON`;
    }
    const pointer = `/paths/${pointerSegment(path)}/${method}/responses/${status}/content/${pointerSegment(mediaType)}/schema`;
    const validate = validatorAt(pointer);
    if (!validate(body)) {
      const errors = (validate.errors ?? [])
        .slice(0, 3)
        .map((error) => `${error.instancePath || '/'} ${error.message}`)
        .join('; ');
      return `${where} ${status}: the body does not match the declared schema: ${errors}`;
    }
    const codes = response['x-problem-codes'] as string[] | undefined;
    if (codes && code && !codes.includes(code)) {
      const { title } = body as { title?: string };
      return `${where} ${status}: problem code ${code} ("${title}") is not listed (listed: ${codes.join(', ')})`;
    }
    return undefined;
  };
}

function payloadText(payload: unknown): string | undefined {
  if (payload === null || payload === undefined) return undefined;
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return undefined; // a stream (CSV): only its status and content type are checked
}

function problemCode(text: string | undefined): string | undefined {
  if (!text?.startsWith('{')) return undefined;
  try {
    const code = (JSON.parse(text) as { code?: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
