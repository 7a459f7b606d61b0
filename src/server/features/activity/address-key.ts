import ipaddr from 'ipaddr.js';

/**
 * An address as the sign-in log sorts and searches it (column `ip_key`, migration 0008): its 16
 * bytes as 32 lowercase hex digits, IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d). Text order is then
 * address order on both databases, and a CIDR network is the range from its first to its last key.
 */
export function addressKeyOf(address: ipaddr.IPv4 | ipaddr.IPv6): string {
  const v6 = address instanceof ipaddr.IPv4 ? address.toIPv4MappedAddress() : address;
  return Buffer.from(v6.toByteArray()).toString('hex');
}

/**
 * The key of a stored address (normalizeIp's output: dotted-quad IPv4 or RFC 5952 IPv6); null
 * for anything else, which then matches no address filter.
 */
export function addressKey(ip: string): string | null {
  const text = ip.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return addressKeyOf(ipaddr.IPv4.parse(text));
  if (ipaddr.IPv6.isValid(text)) return addressKeyOf(ipaddr.IPv6.parse(text));
  return null;
}
