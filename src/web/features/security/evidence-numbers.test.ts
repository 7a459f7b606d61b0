import { describe, expect, it } from 'vitest';
import type { RiskEvidence } from '../../../contract/security';
import { evidenceNumbers } from './evidence-numbers';

const base: RiskEvidence = {
  flag: 'impossible_travel',
  explanation: 'x',
  earlier: null,
  distanceKm: null,
  elapsedHours: null,
  speedKmh: null,
  failures: null,
  network: null,
};

describe('a flag’s evidence in numbers', () => {
  it('gives distance in km, the time between, and the speed in km/h', () => {
    expect(evidenceNumbers({ ...base, distanceKm: 9559.6, elapsedHours: 0.25, speedKmh: 37838.4 })).toEqual([
      { label: 'Distance', value: '9,560 km' },
      { label: 'Time between', value: '15 min' },
      { label: 'Speed needed', value: '37,838 km/h' },
    ]);
  });

  it('shows zero failures but leaves out numbers the flag does not carry', () => {
    expect(evidenceNumbers({ ...base, flag: 'failures_before_success', failures: 0 })).toEqual([
      { label: 'Failed attempts before', value: '0' },
    ]);
  });
});
