import ipaddr from 'ipaddr.js';

/**
 * A client address cut to its network, as the organization's IP anonymisation asks (issue 13):
 * IPv4 keeps its /24 (203.0.113.77 → 203.0.113.0), IPv6 its /48, the rest zero, written in the
 * compressed form of RFC 5952 (2001:db8:1234:5678::1 → 2001:db8:1234::). An IPv4-mapped IPv6
 * address is cut as the IPv4 it carries and written as IPv4, as the server stores addresses.
 * Anything that is not an address comes back unchanged, so a stored oddity is never lost or
 * invented. Idempotent: a cut address cuts to itself, so the job may pass over a row twice.
 */
export function anonymiseIp(ip: string): string {
  const text = ip.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return cutIpv4(ipaddr.IPv4.parse(text));
  const unbracketed = /^\[[^\]]*\]$/.test(text) ? text.slice(1, -1) : text;
  if (!ipaddr.IPv6.isValid(unbracketed)) return ip;
  const address = ipaddr.IPv6.parse(unbracketed);
  if (address.isIPv4MappedAddress()) return cutIpv4(address.toIPv4Address());
  // Groups 0–2 are the first 48 bits; the zone (fe80::1%eth0) names a local interface: dropped.
  const parts = address.parts.map((part, index) => (index < 3 ? part : 0));
  return new ipaddr.IPv6(parts).toRFC5952String();
}

function cutIpv4(address: ipaddr.IPv4): string {
  const [a, b, c] = address.octets;
  return `${a}.${b}.${c}.0`;
}

/** Whether anonymising would change the address (an address not yet cut). */
export function isAnonymisable(ip: string): boolean {
  return anonymiseIp(ip) !== ip;
}

// A run of characters an address is written with; candidates are checked by ipaddr.js, so a time
// (10:42:07), a version (1.2.3) or a decimal (3.5) is left alone.
const ADDRESS_CANDIDATE = /[0-9A-Fa-f:.]*[:.][0-9A-Fa-f:.]*/g;

/**
 * Every address written in a text (a sentence, or JSON such as risk evidence and alert details)
 * replaced by its anonymised form. Addresses need no JSON escaping, so JSON stays valid; a colon
 * or period around it ("ip:203.0.113.7", "from 203.0.113.7.") is not part of the address.
 */
export function anonymiseAddressesIn(text: string): string {
  return text.replace(ADDRESS_CANDIDATE, (candidate) => {
    const found = addressWithin(candidate);
    if (!found) return candidate;
    const { start, end } = found;
    return candidate.slice(0, start) + anonymiseIp(candidate.slice(start, end)) + candidate.slice(end);
  });
}

/** The longest address in a candidate once up to two characters of punctuation are dropped at either end. */
function addressWithin(candidate: string): { start: number; end: number } | null {
  for (let trimmed = 0; trimmed <= 4; trimmed++) {
    for (let start = 0; start <= Math.min(2, trimmed); start++) {
      const end = candidate.length - (trimmed - start);
      if (end - start < 2 || trimmed - start > 2) continue;
      if (/[0-9A-Fa-f]/.test(candidate.slice(0, start)) || /[0-9A-Fa-f]/.test(candidate.slice(end))) continue;
      const text = candidate.slice(start, end);
      if (ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text)) return { start, end };
    }
  }
  return null;
}
