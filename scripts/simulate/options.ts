import { parseArgs } from 'node:util';

export interface SimulationOptions {
  url: URL;
  users: number;
  minutes: number;
  ownerEmail: string;
  ownerPassword: string;
  memberPassword: string;
  /** Product key all simulated people use; undefined: each uses the products they hold seats for. */
  app: string | undefined;
  /** Heartbeats (and the people's habits) run this many times faster than the server's announced interval. */
  heartbeatScale: number;
  seed: number;
  /** People sign in to their apps through the browser (RFC 8628), approving each as themselves over the console API. */
  browserSignIn: boolean;
  /** Everyone wants a seat of one floating pool (of --app, or the first): more people than seats. */
  floating: boolean;
}

export const USAGE = `Usage: npm run simulate -- [options]

Simulates a fleet of people using Seatkeeper-licensed apps through the client SDK (src/sdk):
sign-ins, heartbeats, sign-outs, device switches, sessions left to time out, a mistyped
password, people without a seat. Start the server with TRUST_PROXY=127.0.0.1 so it believes
the simulated X-Forwarded-For addresses (see docs/sdk.md).

  --url URL                 server root (default http://localhost:3000)
  --users N                 people to simulate, 1..500 (default 20)
  --minutes M               how long to run, may be fractional (default 2)
  --owner-email EMAIL       owner who lists users and seats (default owner@northwind.example)
  --owner-password PW       (default harbour-lantern-demo)
  --member-password PW      password shared by the demo's members (default orchard-kettle-demo)
  --app KEY                 only this product (default: every product with seats)
  --heartbeat-scale S       compress time: heartbeat S times more often than the server asks (default 1)
  --seed N                  random seed, for a repeatable cast and script (default: random)
  --browser-sign-in         people sign in through the browser (device authorization): the simulator
                            approves each code as the person over the console API (adds a 5 s poll)
  --floating                everyone competes for one floating pool (of --app, or the first one): people
                            refused with 403 pool-full wait for Retry-After and retry, some give up;
                            fills the Seat denials and Seat demand reports (use --users above the seats)
  --help                    show this text`;

/** Parses argv (without node and script); throws an Error whose message names the bad option. */
export function parseSimulationOptions(argv: string[]): SimulationOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      url: { type: 'string', default: 'http://localhost:3000' },
      users: { type: 'string', default: '20' },
      minutes: { type: 'string', default: '2' },
      'owner-email': { type: 'string', default: 'owner@northwind.example' },
      'owner-password': { type: 'string', default: 'harbour-lantern-demo' },
      'member-password': { type: 'string', default: 'orchard-kettle-demo' },
      app: { type: 'string' },
      'heartbeat-scale': { type: 'string', default: '1' },
      seed: { type: 'string' },
      'browser-sign-in': { type: 'boolean', default: false },
      floating: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  let url: URL;
  try {
    url = new URL(values.url);
  } catch {
    throw new Error(`--url: not a URL: ${values.url}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('--url: must be http:// or https://');
  return {
    url,
    users: integer('--users', values.users, 1, 500),
    minutes: number('--minutes', values.minutes, 0.05, 24 * 60),
    ownerEmail: values['owner-email'],
    ownerPassword: values['owner-password'],
    memberPassword: values['member-password'],
    app: values.app,
    // Below 1 the simulated apps would heartbeat less often than the server requires and every session would time out.
    heartbeatScale: number('--heartbeat-scale', values['heartbeat-scale'], 1, 600),
    seed: values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : integer('--seed', values.seed, 0, 2 ** 31),
    browserSignIn: values['browser-sign-in'],
    floating: values.floating,
  };
}

function number(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${name}: expected a number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function integer(name: string, raw: string, min: number, max: number): number {
  const value = number(name, raw, min, max);
  if (!Number.isInteger(value)) throw new Error(`${name}: expected a whole number, got "${raw}"`);
  return value;
}
