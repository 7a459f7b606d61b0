import http from 'node:http';
import net from 'node:net';
import type { Answer, ConcreteRequest } from './battery.ts';

/** Sends a concrete request through a real socket; 'unsendable' when Node's client refuses to write it. */
export function sendOverSocket(
  baseUrl: string,
  request: ConcreteRequest,
  timeoutMs: number,
): Promise<Answer | 'timeout' | 'unsendable'> {
  const { hostname, port } = new URL(baseUrl);
  const began = Date.now();
  return new Promise((resolve) => {
    let outgoing: http.ClientRequest;
    try {
      outgoing = http.request({
        host: hostname,
        port: Number(port),
        method: request.method,
        path: request.url,
        headers: {
          ...request.headers,
          ...(request.payload !== undefined ? { 'content-length': String(Buffer.byteLength(request.payload)) } : {}),
        },
        agent: false,
      });
    } catch {
      resolve('unsendable');
      return;
    }
    const timer = setTimeout(() => {
      outgoing.destroy();
      resolve('timeout');
    }, timeoutMs);
    outgoing.on('error', () => {
      clearTimeout(timer);
      resolve('unsendable');
    });
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({
          statusCode: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          ms: Date.now() - began,
        });
      });
    });
    try {
      outgoing.end(request.payload);
    } catch {
      clearTimeout(timer);
      resolve('unsendable');
    }
  });
}

export interface RawAnswer {
  timedOut: boolean;
  raw: string;
  status?: number;
  contentType?: string;
  body: string;
}

/** Writes bytes to the server and reads until it closes the connection (or the timeout). */
export function sendRaw(baseUrl: string, bytes: Buffer, timeoutMs: number): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (timedOut: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
      const contentType = /\r\ncontent-type:\s*([^\r\n]*)/i.exec(head)?.[1];
      let body = rest.join('\r\n\r\n');
      if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) body = unchunk(body);
      resolve({ timedOut, raw, status: status ? Number(status) : undefined, contentType, body });
    };
    const timer = setTimeout(() => finish(true), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // One answer is enough: stop once the announced body has arrived.
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, split))?.[1];
      if (split >= 0 && length !== undefined && text.length - split - 4 >= Number(length)) finish(false);
    });
    socket.on('end', () => finish(false));
    socket.on('close', () => finish(false));
    socket.on('error', () => finish(false));
    socket.write(bytes);
  });
}

function unchunk(body: string): string {
  let out = '';
  let rest = body;
  for (;;) {
    const line = rest.indexOf('\r\n');
    if (line < 0) break;
    const size = Number.parseInt(rest.slice(0, line), 16);
    if (!size) break;
    out += rest.slice(line + 2, line + 2 + size);
    rest = rest.slice(line + 2 + size + 2);
  }
  return out;
}

const NUL_JSON = '{"email":"a\\u0000@example.com","password":"x"}';

const request = (lines: string[], body = '') => Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`, 'latin1');

/** Requests no HTTP client library would send: each must get a 4xx problem+json, and promptly. */
export function rawCases(): { name: string; bytes: Buffer }[] {
  return [
    {
      name: 'bad percent-encoding in the path',
      bytes: request(['GET /api/v1/users/%E0%A4%A HTTP/1.1', 'Host: x', 'Connection: close']),
    },
    {
      name: 'a lone % in the path',
      bytes: request(['GET /api/v1/invitations/% HTTP/1.1', 'Host: x', 'Connection: close']),
    },
    {
      name: '%00 in a path parameter',
      bytes: request(['GET /api/v1/invitations/abcdefghij%00 HTTP/1.1', 'Host: x', 'Connection: close']),
    },
    {
      name: 'bad percent-encoding in the query',
      bytes: request(['GET /api/v1/reports/logins?from=%zz HTTP/1.1', 'Host: x', 'Connection: close']),
    },
    {
      name: 'headers larger than the limit (431)',
      bytes: request(['GET /api/v1/me HTTP/1.1', 'Host: x', `X-Big: ${'a'.repeat(40_000)}`, 'Connection: close']),
    },
    {
      name: 'a 100 kB URL',
      bytes: request([`GET /api/v1/users?query=${'q'.repeat(100_000)} HTTP/1.1`, 'Host: x', 'Connection: close']),
    },
    { name: 'a request line that is not HTTP', bytes: request(['GARBAGE']) },
    {
      name: 'a raw NUL in the request line',
      bytes: request(['GET /api/v1/me\u0000 HTTP/1.1', 'Host: x', 'Connection: close']),
    },
    {
      name: 'an invalid header name',
      bytes: request(['GET /api/v1/me HTTP/1.1', 'Host: x', 'Bad Header: 1', 'Connection: close']),
    },
    {
      name: 'a negative Content-Length',
      bytes: request(
        [
          'POST /api/v1/auth/login HTTP/1.1',
          'Host: x',
          'Content-Type: application/json',
          'Content-Length: -1',
          'Connection: close',
        ],
        '{}',
      ),
    },
    {
      name: 'Content-Length and Transfer-Encoding together',
      bytes: request(
        [
          'POST /api/v1/auth/login HTTP/1.1',
          'Host: x',
          'Content-Type: application/json',
          'Content-Length: 2',
          'Transfer-Encoding: chunked',
          'Connection: close',
        ],
        '0\r\n\r\n',
      ),
    },
    {
      name: 'a broken chunked body',
      bytes: request(
        [
          'POST /api/v1/auth/login HTTP/1.1',
          'Host: x',
          'Content-Type: application/json',
          'Transfer-Encoding: chunked',
          'Connection: close',
        ],
        'zz\r\n{}\r\n0\r\n\r\n',
      ),
    },
    {
      name: 'a NUL byte in a JSON string',
      bytes: request(
        [
          'POST /api/v1/auth/login HTTP/1.1',
          'Host: x',
          'Content-Type: application/json',
          `Content-Length: ${NUL_JSON.length}`,
          'Connection: close',
        ],
        NUL_JSON,
      ),
    },
  ];
}
