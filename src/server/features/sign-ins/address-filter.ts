import ipaddr from 'ipaddr.js';
import { AppError } from '../../lib/app-error.ts';
import { addressKeyOf } from '../activity/index.ts';

/** An address filter as a range of address keys (`ip_key`), both ends inclusive; equal for one address. */
export interface AddressRange {
  first: string;
  last: string;
}

/**
 * The `ip` filter: one address (203.0.113.7, 2001:db8::1) or a network in CIDR notation
 * (203.0.113.0/24, 2001:db8:abcd::/48). Host bits after the prefix are ignored (203.0.113.7/24 is
 * 203.0.113.0/24). An IPv4 network is searched among IPv4 addresses, stored as IPv4-mapped IPv6.
 * Anything else is a 400 that says what is wrong.
 */
export function parseAddressFilter(text: string): AddressRange {
  const trimmed = text.trim();
  if (trimmed === '') {
    throw invalidFilter(
      'The ip filter is empty: give an address (203.0.113.7) or a network (203.0.113.0/24), or leave it out.',
      'must not be empty',
    );
  }
  const slash = trimmed.indexOf('/');
  const address = parseAddress(slash === -1 ? trimmed : trimmed.slice(0, slash));
  const bytes = [...Buffer.from(addressKeyOf(address), 'hex')];
  if (slash === -1) return { first: toKey(bytes), last: toKey(bytes) };
  const prefixText = trimmed.slice(slash + 1);
  const isV4 = address instanceof ipaddr.IPv4;
  const longest = isV4 ? 32 : 128;
  if (!/^[0-9]{1,3}$/.test(prefixText) || Number(prefixText) > longest) {
    throw invalidFilter(
      `"${prefixText}" is not a prefix length of an ${isV4 ? 'IPv4' : 'IPv6'} network: use 0 to ${longest}.`,
      `must be an address or a network such as ${isV4 ? '203.0.113.0/24' : '2001:db8::/48'} (prefix 0–${longest})`,
    );
  }
  // In the 128-bit space of the keys, an IPv4 prefix follows the 96 bits of ::ffff:.
  const prefix = Number(prefixText) + (isV4 ? 96 : 0);
  return { first: toKey(maskHostBits(bytes, prefix, 0)), last: toKey(maskHostBits(bytes, prefix, 0xff)) };
}

function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const unbracketed = /^\[[^\]]*\]$/.test(text) ? text.slice(1, -1) : text;
  if (ipaddr.IPv4.isValidFourPartDecimal(unbracketed)) return ipaddr.IPv4.parse(unbracketed);
  // Zone ids (fe80::1%eth0) name an interface of the server, never a client's address.
  if (!unbracketed.includes('%') && ipaddr.IPv6.isValid(unbracketed)) return ipaddr.IPv6.parse(unbracketed);
  const shown = text.length > 64 ? `${text.slice(0, 64)}…` : text;
  throw invalidFilter(
    /^[0-9.]*$/.test(unbracketed)
      ? `"${shown}" is not an IPv4 address: write four numbers from 0 to 255, such as 203.0.113.7.`
      : `"${shown}" is not an IPv4 or IPv6 address.`,
    'must be an address (203.0.113.7, 2001:db8::1) or a network in CIDR notation (203.0.113.0/24)',
  );
}

/** The bytes with every bit after the first `prefix` set to `fill`'s (0x00: the network's first, 0xff: its last). */
function maskHostBits(bytes: number[], prefix: number, fill: 0 | 0xff): number[] {
  return bytes.map((byte, index) => {
    const networkBits = Math.min(8, Math.max(0, prefix - index * 8));
    const hostMask = 0xff >> networkBits;
    return (byte & ~hostMask & 0xff) | (fill & hostMask);
  });
}

function toKey(bytes: number[]): string {
  return Buffer.from(bytes).toString('hex');
}

function invalidFilter(detail: string, message: string): AppError {
  return new AppError(400, 'invalid-ip-filter', 'Invalid address or network', detail, {
    errors: [{ path: 'querystring/ip', message }],
  });
}
