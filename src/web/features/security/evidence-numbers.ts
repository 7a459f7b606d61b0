import type { RiskEvidence } from '../../../contract/security';
import { formatDuration } from '../../lib/format-duration';

const kilometres = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** A flag's numbers in words with their units ("Distance: 9,560 km"); only those the flag carries. */
export function evidenceNumbers(evidence: RiskEvidence): { label: string; value: string }[] {
  const numbers: { label: string; value: string }[] = [];
  if (evidence.distanceKm !== null)
    numbers.push({ label: 'Distance', value: `${kilometres.format(evidence.distanceKm)} km` });
  if (evidence.elapsedHours !== null) {
    numbers.push({ label: 'Time between', value: formatDuration(evidence.elapsedHours * 3600) });
  }
  if (evidence.speedKmh !== null)
    numbers.push({ label: 'Speed needed', value: `${kilometres.format(evidence.speedKmh)} km/h` });
  if (evidence.failures !== null) numbers.push({ label: 'Failed attempts before', value: String(evidence.failures) });
  if (evidence.network) {
    const network = [evidence.network.organization, evidence.network.asn !== null ? `AS${evidence.network.asn}` : null]
      .filter(Boolean)
      .join(', ');
    if (network) numbers.push({ label: 'Network', value: network });
  }
  return numbers;
}
