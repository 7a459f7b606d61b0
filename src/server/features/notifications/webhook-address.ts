import type { LookupAddress } from 'node:dns';
import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from '../../lib/app-error.ts';

/*
 * Server-side request forgery guard for webhook URLs. A webhook makes this server send requests
 * wherever an owner says, so without the operator's consent (WEBHOOK_ALLOW_PRIVATE=1) it only
 * talks to public unicast addresses: loopback, private (RFC 1918, fc00::/7), link-local
 * (169.254/16 — cloud metadata —, fe80::/10), unspecified, multicast, broadcast, CGNAT
 * (100.64/10), reserved and documentation ranges, NAT64/6to4/Teredo forms, and IPv4-mapped IPv6
 * forms of all of these are refused. The URL is checked when saved and each address the name
 * resolves to is checked again at every send (lookupPublicOnly), so DNS rebinding cannot slip through.
 */

/** Why an address is refused, or null when it is a public unicast address. */
export function refusedAddressReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'is not an IP address';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  return range === 'unicast' ? null : `is a ${describeRange(range)} address`;
}

function describeRange(range: string): string {
  const names: Record<string, string> = {
    loopback: 'loopback',
    private: 'private (RFC 1918)',
    uniqueLocal: 'private (fc00::/7)',
    linkLocal: 'link-local',
    unspecified: 'unspecified',
    multicast: 'multicast',
    broadcast: 'broadcast',
    carrierGradeNat: 'carrier-grade NAT (100.64.0.0/10)',
  };
  return names[range] ?? `non-public (${range})`;
}

/** The 400 a refused URL answers (when saved) — also the error of a refused send. */
export function webhookUrlRefused(detail: string): AppError {
  return new AppError(400, 'webhook-url-refused', 'Webhook URL refused', detail, {
    errors: [{ path: 'body/url', message: detail }],
  });
}

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Checks a URL an owner saves: http(s) only, no credentials in it, and (unless private addresses are
 * allowed) a host that neither is nor resolves to a refused address. A name that does not resolve
 * now is accepted: it may exist later, and every send checks again.
 */
export async function assertAcceptableWebhookUrl(raw: string, allowPrivate: boolean): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw webhookUrlRefused('Not a URL: give an absolute https:// (or http://) URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw webhookUrlRefused(`Only http:// and https:// URLs can receive webhooks, not ${url.protocol}//.`);
  }
  if (url.username || url.password) throw webhookUrlRefused('A webhook URL cannot carry a user name or password.');
  if (!allowPrivate) {
    const host = hostOf(url);
    const addresses = net.isIP(host) ? [host] : await resolveQuietly(host);
    for (const address of addresses) {
      const reason = refusedAddressReason(address);
      if (reason) {
        throw webhookUrlRefused(
          `${host === address ? address : `${host} resolves to ${address}, which`} ${reason}; webhooks go only to public addresses unless the operator sets WEBHOOK_ALLOW_PRIVATE=1.`,
        );
      }
    }
  }
  return url.toString();
}

async function resolveQuietly(host: string): Promise<string[]> {
  try {
    return (await dns.promises.lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
  } catch {
    return [];
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for node:http(s) that resolves the name and refuses the connection when ANY address it
 * resolves to is refused: the addresses checked are the addresses connected to (no second lookup).
 */
export function lookupPublicOnly(
  hostname: string,
  options: { all?: boolean; family?: number | string },
  callback: LookupCallback,
): void {
  dns.lookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
    if (error) return callback(error, []);
    for (const entry of addresses) {
      const reason = refusedAddressReason(entry.address);
      if (reason) {
        const refused = new Error(`${hostname} resolves to ${entry.address}, which ${reason}`) as NodeJS.ErrnoException;
        refused.code = 'EWEBHOOKREFUSED';
        return callback(refused, []);
      }
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
    callback(null, first.address, first.family);
  });
}
