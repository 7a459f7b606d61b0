import ipaddr from 'ipaddr.js';

/**
 * Whether `ip` lies in one of the organization's trusted networks (an office's ranges, stored in
 * canonical CIDR form by security-settings; a lone address counts as /32 or /128). IPv4-mapped
 * IPv6 addresses (::ffff:a.b.c.d) match IPv4 networks. Anything unparsable matches nothing.
 */
export function isTrustedAddress(ip: string, networks: readonly { cidr: string }[]): boolean {
  if (networks.length === 0 || !ipaddr.isValid(ip)) return false;
  const address = ipaddr.process(ip);
  return networks.some(({ cidr }) => {
    const range = parseNetwork(cidr);
    return range !== null && range[0].kind() === address.kind() && address.match(range);
  });
}

function parseNetwork(cidr: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | null {
  try {
    if (cidr.includes('/')) {
      const [base, bits] = ipaddr.parseCIDR(cidr);
      return base.kind() === 'ipv6' && (base as ipaddr.IPv6).isIPv4MappedAddress()
        ? [(base as ipaddr.IPv6).toIPv4Address(), Math.max(0, bits - 96)]
        : [base, bits];
    }
    const address = ipaddr.process(cidr);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return null;
  }
}
