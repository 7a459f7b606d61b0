/**
 * Networks a person rarely signs in from: cloud and hosting providers (a server, a script, a
 * rented proxy) and networks that mostly carry anonymising VPN exits. Matched by the ASN the
 * optional GEOIP_ASN_DB gives an address; without that database no network flag is raised.
 *
 * Source: each provider's own ASNs as published in PeeringDB and the RIRs' WHOIS (looked up
 * for this list, 2025); the anonymising ones are the hosters that the big commercial VPNs rent
 * their exits from (M247, Datacamp/CDN77, Packethub), as listed by public VPN-exit studies.
 * Tor exits are not an ASN: they run on ordinary hosters (often those below), so they are
 * caught, if at all, as a hosting network; a Tor exit list would be needed to name them.
 * docs/risk-flags.md shows the same list; keep both in step.
 */
export const HOSTING_NETWORKS: ReadonlyMap<number, string> = new Map([
  [16509, 'Amazon Web Services'],
  [14618, 'Amazon Web Services'],
  [15169, 'Google'],
  [396982, 'Google Cloud'],
  [8075, 'Microsoft Azure'],
  [14061, 'DigitalOcean'],
  [16276, 'OVH'],
  [24940, 'Hetzner'],
  [63949, 'Linode / Akamai'],
  [20473, 'Vultr / Choopa'],
  [31898, 'Oracle Cloud'],
  [45102, 'Alibaba Cloud'],
  [12876, 'Scaleway'],
  [51167, 'Contabo'],
  [60781, 'Leaseweb'],
  [16265, 'Leaseweb'],
  [13335, 'Cloudflare'],
  [36352, 'ColoCrossing'],
  [46606, 'Unified Layer'],
]);

export const ANONYMISING_NETWORKS: ReadonlyMap<number, string> = new Map([
  [9009, 'M247 (VPN exits)'],
  [60068, 'Datacamp / CDN77 (VPN exits)'],
  [147049, 'Packethub (VPN exits)'],
  [212238, 'Datacamp (VPN exits)'],
]);

export type NetworkKind = 'hosting' | 'anonymous';

/** What kind of network an ASN is, by the lists above; null for every other network (and no ASN). */
export function classifyNetwork(asn: number | null): { kind: NetworkKind; provider: string } | null {
  if (asn === null) return null;
  const anonymising = ANONYMISING_NETWORKS.get(asn);
  if (anonymising) return { kind: 'anonymous', provider: anonymising };
  const hosting = HOSTING_NETWORKS.get(asn);
  return hosting ? { kind: 'hosting', provider: hosting } : null;
}
