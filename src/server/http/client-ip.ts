import ipaddr from 'ipaddr.js';

/**
 * One spelling per address, so the sign-in log, rate limits and "new location" checks compare like with like:
 * IPv4-mapped IPv6 (`::ffff:1.2.3.4`, what a dual-stack socket reports for IPv4 clients) becomes `1.2.3.4`, other
 * IPv6 becomes RFC 5952 form (lowercase, zeros compressed), and a bracketed IPv6 literal (`[::1]`) loses its
 * brackets. IPv4 is only accepted in dotted-quad decimal: ipaddr.js would also read `127.1` or octal `010.0.0.1`,
 * which no socket reports and which would let a forged header alias another address. Anything unparsable (including
 * `host:port`) comes back trimmed, otherwise unchanged.
 */
export function normalizeIp(ip: string): string {
  const trimmed = ip.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(trimmed)) return ipaddr.IPv4.parse(trimmed).toString();
  const unbracketed = /^\[[^\]]*\]$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
  if (!ipaddr.IPv6.isValid(unbracketed)) return trimmed;
  const address = ipaddr.IPv6.parse(unbracketed);
  return address.isIPv4MappedAddress() ? address.toIPv4Address().toString() : address.toRFC5952String();
}
